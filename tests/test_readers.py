"""Readers: each format from small hand-written files, plus the seed PressReader article when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.shared import SEED, require_shared
from workbench.readers import (
    FileRead,
    discover,
    parse_date,
    proper_case_name,
    read_file,
    split_authors,
    title_case_headline,
)
from workbench.records import ARTICLE_FIELDS


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return path


def only(read: FileRead) -> dict:
    assert read.status == "ok", read.reason
    assert len(read.records) == 1, [r["headline"] for r in read.records]
    return read.records[0]


# ---------------------------------------------------------------- PressReader

PR_FULL = (
    "Ottawa Citizen\n\n"
    "NAVY ORDERS NEW ARCTIC PATROL SHIPS\n\n"
    "Shipyard to `double' its workforce\n\n"
    "- JANE MCALLISTER AND PIERRE O'NEILL-DUBOIS\n\n"
    "• The federal government said Tuesday it will buy three more Arctic patrol ships.\n\n"
    "“This is a good day for the yard,” the minister said.\n\n"
    "Work begins in the spring.\n\n"
    "Newspapers in English\n\n"
    "Newspapers from Canada"
)
PR_NO_BYLINE = (
    "The Times\n\nFLOODS CLOSE RAIL LINES\n\nCommuters face a week of delays\n\n"
    "• Heavy rain closed three rail lines on Monday.\n\nEngineers are at work.\n\n"
    "Newspapers in English\n\nNewspapers from United Kingdom\n"
)
PR_NO_SUB_NO_FOOTER = (
    "Chicago Tribune\n\nCITY BUDGET PASSES\n\n- SAM LEE\n\n"
    "• The council passed the budget 30-20.\n\nIt takes effect in May.\n"
)
PR_NO_BULLET = (
    "Daily Bugle\n\nHERO SAVES CAT\n\n- PETER PARKER\n\nA cat was saved on Friday.\n\nNewspapers in English\n"
)


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            PR_FULL,
            {
                "publication": "Ottawa Citizen",
                "headline": "NAVY ORDERS NEW ARCTIC PATROL SHIPS",
                "subheadline": "Shipyard to `double' its workforce",
                "authors": ["Jane McAllister", "Pierre O'Neill-Dubois"],
                "language": "English",
                "publication_country": "CAN",
                "text": "The federal government said Tuesday it will buy three more Arctic patrol ships.\n\n"
                "“This is a good day for the yard,” the minister said.\n\nWork begins in the spring.",
            },
        ),
        (
            PR_NO_BYLINE,
            {
                "publication": "The Times",
                "headline": "FLOODS CLOSE RAIL LINES",
                "subheadline": "Commuters face a week of delays",
                "authors": [],
                "publication_country": "GBR",
                "text": "Heavy rain closed three rail lines on Monday.\n\nEngineers are at work.",
            },
        ),
        (
            PR_NO_SUB_NO_FOOTER,
            {
                "publication": "Chicago Tribune",
                "headline": "CITY BUDGET PASSES",
                "subheadline": None,
                "authors": ["Sam Lee"],
                "language": None,
                "publication_country": None,
                "text": "The council passed the budget 30-20.\n\nIt takes effect in May.",
            },
        ),
        (
            PR_NO_BULLET,
            {"headline": "HERO SAVES CAT", "authors": ["Peter Parker"], "text": "A cat was saved on Friday."},
        ),
    ],
    ids=["full", "no-byline", "no-subheadline-no-footer", "no-bullet-lead"],
)
def test_pressreader_article_fields(tmp_path, content, expected):
    record = only(read_file(write(tmp_path, "export.txt", content)))
    assert record["format"] == "pressreader"
    for key, value in expected.items():
        assert record[key] == value, key


def test_pressreader_record_has_every_article_field(tmp_path):
    path = write(tmp_path, "export.txt", PR_FULL)
    record = only(read_file(path))
    assert set(record) == set(ARTICLE_FIELDS)
    assert record["source"] == str(path)
    assert json.loads(json.dumps(record["metadata"])) == record["metadata"]


def test_pressreader_several_articles_split_on_footers_and_publication_lines(tmp_path):
    # The second article has no footer: the third one's publication line + caps headline must split it.
    content = PR_FULL + "\n\n" + PR_NO_SUB_NO_FOOTER + "\n" + PR_NO_BYLINE
    read = read_file(write(tmp_path, "three.txt", content))
    assert read.status == "ok" and read.n_rows == 3
    assert [r["headline"] for r in read.records] == [
        "NAVY ORDERS NEW ARCTIC PATROL SHIPS",
        "CITY BUDGET PASSES",
        "FLOODS CLOSE RAIL LINES",
    ]
    assert [r["publication_country"] for r in read.records] == ["CAN", None, "GBR"]
    assert all("Newspapers" not in r["text"] for r in read.records)


def test_pressreader_crlf_and_date_from_file_name(tmp_path):
    record = only(read_file(write(tmp_path, "citizen_2023-01-05_navy.txt", PR_FULL.replace("\n", "\r\n"))))
    assert record["date"] == "2023-01-05"
    assert "\r" not in record["text"] and record["headline"] == "NAVY ORDERS NEW ARCTIC PATROL SHIPS"


@pytest.mark.parametrize(
    "country, iso3",
    [
        ("Canada", "CAN"),
        ("United Kingdom", "GBR"),
        ("United States", "USA"),
        ("Turkey", "TUR"),
        ("Russia", "RUS"),
        ("Texas", None),
        ("Narnia", None),
    ],
)
def test_pressreader_footer_country_by_pycountry(tmp_path, country, iso3):
    content = PR_NO_SUB_NO_FOOTER + f"\nNewspapers in English\n\nNewspapers from {country}\n"
    record = only(read_file(write(tmp_path, "x.txt", content)))
    assert record["publication_country"] == iso3
    assert record["metadata"]["country_name"] == country


def test_seed_pressreader_article_every_field():
    require_shared(SEED)
    record = only(read_file(SEED))
    assert record["format"] == "pressreader"
    assert record["publication"] == "Calgary Herald"
    assert record["headline"] == "U.S. WARNS OF IRAN, RUSSIA ALLIANCE"
    assert record["subheadline"] == "`Full-fledged' partnership unprecedented"
    assert record["authors"] == ["Aamer Madhani", "Zeke Miller"]
    assert record["language"] == "English"
    assert record["publication_country"] == "CAN"
    assert record["date"] is None
    assert record["text"].startswith("The Biden administration")
    assert record["text"].endswith("ensuring their security,” he said.")
    assert "Newspapers" not in record["text"] and "•" not in record["text"]


@pytest.mark.parametrize(
    "headline, expected",
    [
        ("U.S. WARNS OF IRAN, RUSSIA ALLIANCE", "U.S. Warns of Iran, Russia Alliance"),
        ("NATO AND UN LEADERS MEET IN OTTAWA", "NATO and UN Leaders Meet in Ottawa"),
        ("THE WAR OF THE WORDS", "The War of the Words"),
        ("CHINA'S EXPORTS FALL: A LOOK AT THE NUMBERS", "China's Exports Fall: A Look at the Numbers"),
        ("NDP WINS BY-ELECTION IN B.C.", "NDP Wins By-Election in B.C."),
        ("Already Mixed Case stays", "Already Mixed Case stays"),
    ],
)
def test_title_case_headline(headline, expected):
    assert title_case_headline(headline) == expected


@pytest.mark.parametrize(
    "byline, expected",
    [
        ("- AAMER MADHANI AND ZEKE MILLER", ["Aamer Madhani", "Zeke Miller"]),
        ("- JOHN MCDONALD", ["John McDonald"]),
        (
            "By ANGUS MACLEOD, MARY O'BRIEN-SMITH and ANA DE LA CRUZ",
            ["Angus MacLeod", "Mary O'Brien-Smith", "Ana de la Cruz"],
        ),
        ("- MARIA MACHADO & TOM MACK", ["Maria Machado", "Tom Mack"]),
        ("- Jane van Dyke", ["Jane van Dyke"]),
        ("- MARTIN LUTHER KING JR.", ["Martin Luther King Jr."]),
    ],
)
def test_split_authors_proper_cases_names(byline, expected):
    assert split_authors(byline) == expected


def test_proper_case_name_keeps_mixed_case_as_written():
    assert proper_case_name("DeShawn McKenzie") == "DeShawn McKenzie"


# ---------------------------------------------------------------- plain text

BODY = (
    "The mayor said on Monday that the bridge would reopen next week after repairs to its deck.\n\n"
    "“We are nearly there,” she said."
)


@pytest.mark.parametrize(
    "name, content, headline, text_start",
    [
        (
            "bbc/politics/001.txt",
            "Bridge to reopen next week\n\n" + BODY,
            "Bridge to reopen next week",
            "The mayor",
        ),
        ("ggt/abc.txt", BODY, None, "The mayor"),
        (
            "ggt/dateline.txt",
            "OTTAWA — The bridge will reopen.\n\n" + BODY,
            None,
            "OTTAWA — The bridge",
        ),
        (
            "x/short-headline.txt",
            "Mayor backs bridge plan.\n\n" + BODY,
            "Mayor backs bridge plan.",
            "The mayor",
        ),
        (
            "x/long-lead.txt",
            "The provincial government has denied a request by a school district to replace a "
            "seventy-year-old building that parents say is unsafe for their children.\n\n" + BODY,
            None,
            "The provincial",
        ),
        ("x/one-paragraph.txt", "Bridge to reopen next week", None, "Bridge to reopen"),
        (
            "x/sentence-lead.txt",
            "The first game of the season could not have gone much better.\n\n" + BODY,
            None,
            "The first game",
        ),
        ("x/question.txt", "Is the bridge safe?\n\n" + BODY, "Is the bridge safe?", "The mayor"),
        (
            "x/title-case-period.txt",
            "Mayor Backs Bridge Plan After Long Night of Talks.\n\n" + BODY,
            "Mayor Backs Bridge Plan After Long Night of Talks.",
            "The mayor",
        ),
        (
            "x/not-a-byline.txt",
            "In Kentucky, Democrats battle it out\n\n" + BODY,
            "In Kentucky, Democrats battle it out",
            "The mayor",
        ),
    ],
)
def test_plaintext_headline_only_when_it_looks_like_one(tmp_path, name, content, headline, text_start):
    record = only(read_file(write(tmp_path, name, content)))
    assert record["format"] == "text"
    assert record["headline"] == headline
    assert record["text"].startswith(text_start)


def test_plaintext_outlet_date_slug_from_file_name(tmp_path):
    name = "herald_2016-09-12_the-long-road-to-the-white-house.txt"
    content = "The Long Road to the White House Was Paved With Good Intentions and Many Twists.\n\n" + BODY
    record = only(read_file(write(tmp_path, name, content)))
    assert (record["publication"], record["date"]) == ("herald", "2016-09-12")
    assert record["headline"].startswith("The Long Road")
    assert record["metadata"]["slug"] == "the-long-road-to-the-white-house"


def test_plaintext_headline_with_deck_line(tmp_path):
    content = "Mayor wins vote; \nCouncil backs the bridge plan after a long night.\n\n" + BODY
    record = only(read_file(write(tmp_path, "paper_2016-01-02_mayor-wins-vote.txt", content)))
    assert record["headline"] == "Mayor wins vote"
    assert record["subheadline"] == "Council backs the bridge plan after a long night."
    assert record["text"].startswith("The mayor")


def test_plaintext_byline_line_becomes_author(tmp_path):
    record = only(read_file(write(tmp_path, "a.txt", "\n\nJane Doe, The Canadian Press\n\n" + BODY)))
    assert record["authors"] == ["Jane Doe"] and record["headline"] is None
    assert record["text"].startswith("The mayor")


def test_plaintext_category_is_parent_folder(tmp_path):
    record = only(read_file(write(tmp_path, "sport/001.txt", "Team wins cup\n\n" + BODY)))
    assert record["metadata"]["category"] == "sport"


def test_plaintext_word_list_is_skipped_not_read_as_article(tmp_path):
    read = read_file(write(tmp_path, "codes.txt", "\n".join(f"code-{i}" for i in range(20))))
    assert read.status == "skipped" and "list of short lines" in read.reason


# ---------------------------------------------------------------- encodings

QUOTED = (
    "The café owner, who has run the place on the corner of the square for thirty years, said on Monday: "
    "“It’s fine” — naïve, isn’t it?\n\nSecond paragraph about the café."
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    content = QUOTED if encoding != "latin-1" else QUOTED.replace("“", "").replace("”", "").replace("’", "'")
    content = content.replace("—", "-") if encoding == "latin-1" else content
    record = only(read_file(write(tmp_path, "e.txt", content, encoding)))
    assert record["text"] == content


def test_mojibake_repaired_and_typographic_quotes_kept(tmp_path):
    broken = "He said “no and left — it’s over.".encode().decode("cp1252")  # UTF-8 read as cp1252
    assert "â€" in broken
    record = only(read_file(write(tmp_path, "m.txt", broken + "\n")))
    assert record["text"] == "He said “no and left — it’s over."


def test_text_normalised_to_nfc_and_lf(tmp_path):
    record = only(read_file(write(tmp_path, "n.txt", "Cafe\u0301 opens today.\r\nMore text here.\r\n")))
    assert record["text"] == "Café opens today.\nMore text here."


# ---------------------------------------------------------------- JSON, JSONL, CSV


def test_json_single_object_trnews_like(tmp_path):
    obj = {
        "title": "Storm hits coast",
        "url": "http://example.org/a",
        "source": "www.example.org",
        "text": BODY,
    }
    record = only(read_file(write(tmp_path, "a.json", json.dumps(obj))))
    assert record["format"] == "json"
    assert (record["headline"], record["publication"], record["url"]) == (
        "Storm hits coast",
        "www.example.org",
        "http://example.org/a",
    )
    assert record["text"] == BODY


def test_json_newsapi_container_with_source_dict_and_author_string(tmp_path):
    doc = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "Daily Planet"},
                "author": "Lois Lane and Clark Kent",
                "title": "Hero sighted",
                "description": "A short teaser.",
                "url": "http://x/1",
                "publishedAt": "2020-03-04T05:06:07Z",
                "content": "Metropolis residents reported a sighting.",
            },
            {"title": "Second", "content": "Another story.", "publishedAt": "Tue, 10 Mar 2020 04:00:00 GMT"},
        ],
    }
    read = read_file(write(tmp_path, "news.json", json.dumps(doc)))
    assert read.status == "ok" and read.n_rows == 2
    first, second = read.records
    assert first["publication"] == "Daily Planet"
    assert first["authors"] == ["Lois Lane", "Clark Kent"]
    assert first["date"] == "2020-03-04T05:06:07"
    assert first["metadata"]["description"] == "A short teaser."
    assert second["date"] == "2020-03-10T04:00:00"


def test_json_article_with_a_list_field_stays_one_article(tmp_path):
    obj = {"title": "T", "text": "Body.", "items": [{"text": "caption one"}, {"text": "caption two"}]}
    record = only(read_file(write(tmp_path, "one.json", json.dumps(obj))))
    assert record["text"] == "Body." and len(record["metadata"]["items"]) == 2


def test_json_wikinews_dateline_gives_date_when_missing(tmp_path):
    obj = {"title": "T", "url": "u", "text": "Friday, January 4, 2019 \n\n\nA building collapsed."}
    record = only(read_file(write(tmp_path, "w.json", json.dumps(obj))))
    assert record["date"] == "2019-01-04"
    assert record["text"].startswith("Friday, January 4, 2019")


def test_json_explicit_columns(tmp_path):
    obj = {"hed": "Odd names", "story_body": BODY, "when": "2021-05-06"}
    read = read_file(write(tmp_path, "o.json", json.dumps(obj)))
    assert read.status == "failed" and "story_body" in read.reason and "columns=" in read.reason
    record = only(
        read_file(tmp_path / "o.json", columns={"text": "story_body", "headline": "hed", "date": "when"})
    )
    assert (record["headline"], record["date"], record["text"]) == ("Odd names", "2021-05-06", BODY)


def test_json_columns_naming_a_missing_field_fails_with_fields_found(tmp_path):
    read = read_file(write(tmp_path, "o.json", json.dumps({"text": "x"})), columns={"headline": "nope"})
    assert read.status == "failed" and "'nope'" in read.reason and "text" in read.reason


def test_jsonl_broken_line_reported_and_good_lines_loaded(tmp_path):
    lines = [json.dumps({"title": f"T{i}", "text": f"Body {i}."}) for i in range(5)]
    lines[2] = '{"title": "broken", "text": '
    read = read_file(write(tmp_path, "a.jsonl", "\n".join(lines) + "\n"))
    assert read.status == "partial"
    assert (read.n_rows, read.n_skipped, len(read.records)) == (5, 1, 4)
    assert "line 3" in read.reason and "1 of 5 rows skipped" in read.reason


def test_csv_semicolon_delimiter_and_embedded_newlines(tmp_path):
    content = (
        'title;text;date\n"First";"Line one.\n\nLine two; still text.";2020-01-02\n'
        '"Second";"Other.";03/04/2020\n'
    )
    read = read_file(write(tmp_path, "a.csv", content))
    assert read.status == "ok" and read.format == "csv"
    assert read.records[0]["text"] == "Line one.\n\nLine two; still text."
    assert read.records[0]["date"] == "2020-01-02"
    assert read.records[1]["metadata"]["date_raw"] == "03/04/2020"


def test_csv_missing_text_column_fails_naming_columns_and_mapping(tmp_path):
    read = read_file(write(tmp_path, "a.csv", "headline,story_body\nH,B\n"))
    assert read.status == "failed"
    assert "headline" in read.reason and "story_body" in read.reason and "columns=" in read.reason
    record = only(read_file(tmp_path / "a.csv", columns={"text": "story_body"}))
    assert (record["headline"], record["text"]) == ("H", "B")


def test_tsv_and_authors_json_list_cell(tmp_path):
    content = 'title\ttext\tauthors\nT\tSome text.\t["Ann Lee", "Bo Chan"]\n'
    record = only(read_file(write(tmp_path, "a.tsv", content)))
    assert record["authors"] == ["Ann Lee", "Bo Chan"]


# ---------------------------------------------------------------- HTML

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><title>Harbour reopens | The Gazette</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-06-07T08:00:00Z">
<meta property="og:site_name" content="The Gazette">
<script>var tracking = 1;</script></head><body><nav><a href="/">Home</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Monday after a week of repairs to the breakwater that was damaged in the storm.</p>
<p>“We are back in business,” the harbour master said, adding that ferries would run on time.</p>
<p>Fishing crews said the closure had cost them a week of income during the busiest part of the season.</p>
</article><footer>Copyright</footer></body></html>"""


def test_html_article_via_trafilatura(tmp_path):
    record = only(read_file(write(tmp_path, "page.html", ARTICLE_HTML)))
    assert record["format"] == "html"
    assert record["headline"] == "Harbour reopens after storm"
    assert record["authors"] == ["Jane Roe"]
    assert record["date"] == "2021-06-07"
    assert record["publication"] == "The Gazette"
    assert "“We are back in business,”" in record["text"]
    assert "tracking" not in record["text"] and "Copyright" not in record["text"]


def test_html_with_only_scripts_fails_clearly(tmp_path):
    read = read_file(
        write(tmp_path, "s.html", "<html><head><script>var a=1;</script></head><body></body></html>")
    )
    assert read.status == "failed" and "no article text found" in read.reason


# ---------------------------------------------------------------- Reuters SGML

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="10" NEWID="7">
<DATE> 3-MAR-1987 09:15:05.40</DATE>
<TOPICS><D>grain</D></TOPICS>
<PLACES><D>usa</D><D>west-germany</D></PLACES>
<PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<UNKNOWN>&#5;&#5;&#5;C T</UNKNOWN>
<TEXT>&#2;
<TITLE>ACME &lt;ACM> TO BUY MILL</TITLE>
<DATELINE>    CHICAGO, March 3 - </DATELINE><BODY>Acme Corp said it will buy a flour
mill for 10 mln dlrs.
    The company said the deal
closes in April.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="11" NEWID="8">
<DATE>3-MAR-1987 10:00:00.00</DATE>
<TOPICS></TOPICS><PLACES></PLACES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>FED SETS REPURCHASE
</TITLE>Blah blah blah.
&#3;
</TEXT>
</REUTERS>
"""


def test_reuters_raw_control_markers_and_latin1_bytes(tmp_path):
    raw = SGML.replace("&#3;", "\x03").replace("&#2;", "\x02").replace("flour", "farine \xe0")
    read = read_file(write(tmp_path, "reut2-998.sgm", raw, "latin-1"))
    story = read.records[0]
    assert story["text"].startswith("Acme Corp said it will buy a farine à mill")
    assert not any(c in story["text"] for c in "\x02\x03")


def test_reuters_sgml_stories(tmp_path):
    read = read_file(write(tmp_path, "reut2-999.sgm", SGML, "latin-1"))
    assert read.status == "ok" and read.format == "reuters-sgml" and read.n_rows == 2
    story, brief = read.records
    assert story["headline"] == "ACME <ACM> TO BUY MILL"
    assert story["date"] == "1987-03-03T09:15:05"
    assert story["publication"] == "Reuters"
    assert (
        story["text"] == "Acme Corp said it will buy a flour mill for 10 mln dlrs.\n\n"
        "The company said the deal closes in April."
    )
    assert story["metadata"]["places"] == ["usa", "west-germany"]
    assert story["metadata"]["topics"] == ["grain"]
    assert story["metadata"]["newid"] == "7"
    assert story["metadata"]["dateline"] == "CHICAGO, March 3"
    assert (brief["headline"], brief["text"], brief["metadata"]["text_type"]) == (
        "FED SETS REPURCHASE",
        "",
        "brief",
    )


# ---------------------------------------------------------------- sniffing unknown extensions


@pytest.mark.parametrize(
    "content, fmt",
    [
        (json.dumps({"title": "T", "text": "Body."}), "json"),
        (
            json.dumps({"title": "T", "text": "A."}) + "\n" + json.dumps({"title": "U", "text": "B."}) + "\n",
            "jsonl",
        ),
        (ARTICLE_HTML, "html"),
        (SGML, "reuters-sgml"),
        (PR_FULL, "pressreader"),
        ("title,text\nT,Body one.\nU,Body two.\n", "csv"),
        ("Bridge to reopen\n\n" + BODY, "text"),
    ],
    ids=["json", "jsonl", "html", "sgml", "pressreader", "csv", "text"],
)
def test_unknown_extension_is_sniffed(tmp_path, content, fmt):
    read = read_file(write(tmp_path, "mystery.dat", content))
    assert read.format == fmt and read.status == "ok", read.reason
    assert read.records


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-01-04", "2019-01-04"),
        ("2019-01-04T10:11:12+02:00", "2019-01-04T10:11:12"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
        ("Friday, January 4, 2019", "2019-01-04"),
        ("4 January 2019", "2019-01-04"),
        ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00"),
        ("2019-02-30", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# ---------------------------------------------------------------- discover


def test_discover_lists_articles_and_skips_with_reasons(tmp_path):
    write(tmp_path, "a/one.txt", BODY)
    write(tmp_path, "a/two.json", "{}")
    write(tmp_path, "a/README.md", "# notes")
    write(tmp_path, "a/SOURCE.md", "src")
    write(tmp_path, "a/x.ann", "T1\tSource 0 1\tx")
    write(tmp_path, "a/.hidden.txt", BODY)
    write(tmp_path, "a/.git/config", "x")
    found = dict(discover(tmp_path / "a"))
    base = str(tmp_path / "a")
    assert found[f"{base}/one.txt"] is None and found[f"{base}/two.json"] is None
    assert "documentation" in found[f"{base}/README.md"]
    assert "annotation" in found[f"{base}/x.ann"]
    assert found[f"{base}/.hidden.txt"] == "hidden file"
    assert found[f"{base}/.git"] == "hidden folder"
    assert list(found) == sorted(found)


def test_discover_glob_list_and_same_file_once(tmp_path):
    one = write(tmp_path, "d/one.txt", BODY)
    write(tmp_path, "d/two.txt", BODY)
    (tmp_path / "d" / "link.txt").symlink_to(one)
    found = discover([str(tmp_path / "d" / "*.txt"), str(one)])
    paths = [p for p, why in found if why is None]
    assert paths == [str(one), str(tmp_path / "d" / "two.txt")]
    assert dict(found)[str(tmp_path / "d" / "link.txt")] == f"same file as {one}"


def test_discover_missing_target_and_symlink_loop(tmp_path):
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "self").symlink_to(tmp_path / "loop")
    write(tmp_path, "loop/a.txt", BODY)
    found = dict(discover([tmp_path / "loop", tmp_path / "nope"]))
    assert found[str(tmp_path / "nope")] == "not found"
    assert "already visited" in found[str(tmp_path / "loop" / "self")]
    assert found[str(tmp_path / "loop" / "a.txt")] is None


def test_plaintext_dateline_first_line_gives_date_and_stays_in_text(tmp_path):
    record = only(read_file(write(tmp_path, "w.txt", "Friday, January 4, 2019\n\n" + BODY)))
    assert (record["date"], record["headline"]) == ("2019-01-04", None)
    assert record["text"].startswith("Friday, January 4, 2019\n\nThe mayor")


def test_discover_prefers_the_real_path_over_a_symlinked_one(tmp_path):
    real = write(tmp_path, "z-real/story.txt", BODY)
    (tmp_path / "a-link").symlink_to(tmp_path / "z-real")
    found = dict(discover(tmp_path))
    assert found[str(real)] is None
    assert "already visited" in found[str(tmp_path / "a-link")]


@pytest.mark.parametrize(
    ("name", "publication"),
    [
        ("capital-observer_2026-06-08_tariffs.txt", "Capital Observer"),
        ("the-harbour-courier_2026-06-02_iran.txt", "The Harbour Courier"),
        ("breitbart_2016-09-12_stealth.txt", "breitbart"),
    ],
)
def test_file_name_outlets_become_publication_names(tmp_path, name, publication):
    path = tmp_path / name
    path.write_text("A Headline\n\nA body paragraph that says something.\n", encoding="utf-8")
    [record] = read_file(path).records
    assert record["publication"] == publication


def test_json_keys_with_lone_surrogates_are_cleaned(tmp_path) -> None:
    """A key escaped as a lone surrogate ("\\udc00") must not reach the metadata as invalid text."""
    path = tmp_path / "doc.json"
    path.write_bytes(b'[{"k\\udc00": false, "text": "Russia"}, {"text": "Russia", "m": {"\\ud800x": 1}}]')
    read = read_file(path)
    assert read.status == "ok"
    for record in read.records:
        for key in [*record["metadata"], *record["metadata"].get("m", {})]:
            key.encode("utf-8")  # raises on a lone surrogate
