"""Word lists shared by several extraction steps."""

# Lemmas of verbs that report what someone said, wrote or announced.
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "add", "declare", "note", "warn", "urge", "claim", "deny",
    "confirm", "announce", "report", "insist", "stress", "emphasize", "emphasise", "explain",
    "argue", "assert", "write", "acknowledge", "accuse", "describe", "call", "reply",
    "respond", "comment", "suggest", "estimate", "assess", "reveal", "allege", "admit",
    "predict", "vow", "pledge", "threaten", "ask", "demand", "highlight", "indicate",
    "believe", "caution", "repeat", "reiterate", "recall", "quote", "continue", "appeal",
    "decry", "condemn", "dismiss", "brief", "inform", "mention", "observe", "conclude",
    "hail", "praise", "welcome", "label", "term", "dub", "brand", "criticize", "criticise",
    "slam", "blast", "denounce", "characterize", "characterise", "forecast", "signal",
    "contend", "maintain", "promise", "propose",
})
