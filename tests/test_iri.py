from newsgraph import iri

BASE = "https://w3id.org/newsgraph/id/"


def test_slugs_are_stable_and_readable():
    assert iri.slug("U.S. Army") == "u-s-army"
    assert iri.slug("Korean People’s Army") == iri.slug("Korean People's Army")
    assert iri.slug("Zelenskyy") == "zelenskyy"


def test_one_actor_one_iri_across_articles():
    assert iri.actor(BASE, "Lloyd Austin") == BASE + "actor/lloyd-austin"
    assert iri.actor(BASE, "Lloyd Austin") == iri.actor(BASE, "Lloyd  Austin")


def test_article_ids_are_escaped():
    assert iri.article(BASE, "a b/c") == BASE + "article/a%20b%2Fc"
    assert iri.statement(BASE, "x", 3, 9) == BASE + "article/x/statement/3-9"


def test_names_without_latin_letters_still_get_an_iri():
    assert iri.slug("北朝鮮") != ""
