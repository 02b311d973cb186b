"""A person with a browser: headless Chromium (Debian's package, driven by Playwright with the system browser)
opens the index, searches for a person, follows a link to a mission, and sees a quote and the article link.
Screenshots go to build/screenshots/ (git-ignored)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from wbkg.query.describe import facts_about
from wbkg.vocab.namespaces import BASE, WBKG

from serverkit import HOSTILE_LABEL

pytestmark = pytest.mark.slow  # not in `make test-fast`


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture(scope="module")
def screenshots(checkout) -> Path:
    folder = checkout.root / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def missions(published) -> set:
    classes = {WBKG.Mission} | set(published.ontology.transitive_subjects(RDFS.subClassOf, WBKG.Mission))
    return {s for c in classes for s in published.dataset.subjects(RDF.type, c)}


def person_linked_to_a_mission(published):
    """A person whose page links to a mission: directly, or through something they took part in (the
    'Involved in' table shows that node's facts)."""
    targets = missions(published)
    ds = published.dataset
    for person in sorted(set(published.entities.subjects(RDF.type, WBKG.Person)), key=str):
        linked = {o for o in ds.objects(person, None) if o in targets}
        for s in ds.subjects(None, person):
            linked |= {o for o in ds.objects(s, None) if o in targets}
        if linked:
            return person, sorted(linked, key=str)[0]
    raise AssertionError("no person in the graph is linked to a mission")


def href(iri) -> str:
    return "/" + str(iri)[len(BASE):]


def test_search_a_person_follow_a_mission_see_quote_and_article(server, published, store, page, screenshots):
    person, mission = person_linked_to_a_mission(published)
    name = str(published.entities.value(person, SKOS.prefLabel))
    surname = name.split()[-1]

    page.goto(server.url + "/")
    assert page.title().endswith("wbkg")
    page.screenshot(path=str(screenshots / "1-index.png"), full_page=True)
    box = page.locator("main input[name=q]")
    box.fill(surname)
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    result = page.locator(f'#search-results a[href="{href(person)}"]')
    assert result.count() == 1, f"searching {surname!r} lists {name}"
    page.screenshot(path=str(screenshots / "2-search.png"), full_page=True)
    result.click()
    page.wait_for_url(f"**{href(person)}")
    assert page.locator("h1").inner_text() == name
    assert page.locator("svg.neighbourhood").count() == 1

    page.locator(f'main a[href="{href(mission)}"]').first.click()
    page.wait_for_url(f"**{href(mission)}")
    mission_name = str(published.entities.value(mission, SKOS.prefLabel))
    assert page.locator("h1").inner_text() == mission_name
    quotes = {q for fact in facts_about(store, mission) for _a, q in fact.sources}
    shown = page.locator("blockquote.quote")
    assert shown.count() >= 1
    assert shown.first.is_visible()
    first_quote = shown.first.inner_text().strip().strip("“”")
    assert " ".join(first_quote.split()) in {" ".join(q.split()) for q in quotes}
    article_link = page.locator('table.facts a[href^="/article/"]').first
    assert article_link.is_visible()
    page.screenshot(path=str(screenshots / "3-mission.png"), full_page=True)

    article_link.click()
    page.wait_for_url("**/article/*")
    assert page.locator("#text a.mention").count() > 0
    assert page.locator("#text mark").count() > 0
    page.screenshot(path=str(screenshots / "4-article.png"), full_page=True)
    assert page.dialogs == []


def test_quote_link_lands_on_the_highlighted_words(server, published, page):
    person, mission = person_linked_to_a_mission(published)
    page.goto(server.url + href(mission))
    quote = page.locator("blockquote.quote a").first
    target = quote.get_attribute("href")
    assert "#" in target and target.startswith("/article/")
    quote.click()
    page.wait_for_url(f"**{target}")
    anchor = target.split("#", 1)[1]
    assert page.locator(f'[id="{anchor}"]').count() == 1


def test_timeline_and_ontology_render(server, page, screenshots):
    page.goto(server.url + "/timeline")
    assert page.locator("svg.timeline a").count() > 10
    page.screenshot(path=str(screenshots / "5-timeline.png"), full_page=True)
    page.goto(server.url + "/ontology")
    assert page.locator("section#Mission").count() == 1


def test_hostile_label_renders_as_text(hostile, page):
    page.goto(hostile.url + "/id/hostile-label-test")
    assert page.locator("h1").text_content() == HOSTILE_LABEL
    assert page.locator("b").count() == 0
    page.goto(hostile.url + "/id/nato")
    assert page.dialogs == [], "no script from the data ran"
