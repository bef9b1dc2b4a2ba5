"""Quotes and speakers: one short passage per attribution pattern, negatives included, plus the seed.

Every case checks (quote text, speaker, role, attribution) and that offsets index the text exactly.
The passages are written for these tests; the seed test reads the seed and its gold at run time.
"""

from __future__ import annotations

import json
from functools import partial

import pytest

from tests.shared import GOLD_DEV, SEED, require_shared
from workbench.extract.countries import country_of, demonym_of, load_gazetteer
from workbench.extract.quotes import extract_quotes, load_cues, person_mentions, quote_spans
from workbench.records import Quote


def _stub_affiliation(phrase: str) -> str | None:
    """A tiny stand-in for the gazetteer: a few country words only."""
    low = phrase.lower()
    table = {"u.k.": "GBR", "british": "GBR", "white house": "USA", "u.s.": "USA", "moscow": "RUS",
             "russian": "RUS", "tehran": "IRN", "iranian": "IRN", "norway": "NOR", "vietnam": "VNM",
             "hong kong": "HKG", "springfield": None}
    return next((code for word, code in table.items() if word in low and code), None)


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end]


def _run(text: str) -> list[tuple[str, str | None, str | None, str]]:
    quotes = extract_quotes(text, affiliation_of=_stub_affiliation)
    _check_offsets(text, quotes)
    return [(q.text, q.speaker, q.role, q.attribution) for q in quotes]


CASES = {
    "after, surname resolved to full name": (
        "White House spokesman John Kirby spoke on Friday.\n\n"
        "“The drones are arriving in large numbers,” Kirby said.",
        [("The drones are arriving in large numbers,", "John Kirby", "White House spokesman", "explicit")],
    ),
    "inverted cue with appositive role": (
        "“We will not back down,” said Mary Lopez, the mayor of Springfield.",
        [("We will not back down,", "Mary Lopez", "the mayor of Springfield", "explicit")],
    ),
    "speaker before a colon": (
        "Mary Lopez said: “We will not back down.”",
        [("We will not back down.", "Mary Lopez", None, "explicit")],
    ),
    "called ... a “...” with title before the name": (
        "U.K. Foreign Secretary Tom Arden called the pact a “reckless gamble.”",
        [("reckless gamble.", "Tom Arden", "U.K. Foreign Secretary", "explicit")],
    ),
    "according to": (
        "The bill is “dead on arrival,” according to Senator Paul Weston.",
        [("dead on arrival,", "Paul Weston", "Senator", "explicit")],
    ),
    "appositive between name and cue": (
        "Anna Berg, NATO's deputy secretary-general, said the alliance was “stronger than ever before.”",
        [("stronger than ever before.", "Anna Berg", "deputy secretary-general", "explicit")],
    ),
    "appositive after the quote": (
        "“The alliance stands united,” Anna Berg, NATO's deputy secretary-general, said.",
        [("The alliance stands united,", "Anna Berg", "deputy secretary-general", "explicit")],
    ),
    "partial quote in reported speech, subject of ', saying'": (
        "Defence analyst Omar Haddad on Friday cited new satellite images, saying Moscow was giving Tehran "
        "“an unprecedented level of military support.”",
        [("an unprecedented level of military support.", "Omar Haddad", "Defence analyst", "explicit")],
    ),
    "pronoun resolved to the last named person": (
        "Interior Minister Olga Petrova visited the site on Monday.\n\n“We lost too many people,” she said.",
        [("We lost too many people,", "Olga Petrova", "Interior Minister", "pronoun")],
    ),
    "pronoun skips a person of the other gender": (
        "Mrs. Ruth Kane met Mr. Paul Weston on Monday.\n\n“It was a frank and useful talk,” he said.",
        [("It was a frank and useful talk,", "Paul Weston", None, "pronoun")],
    ),
    "pronoun right after a quoted person stands for that person": (
        "Leaders like Prime Minister Wilfrid Laurier envisioned a “home for the few,” Cecil Foster writes. "
        "“Canada was not meant to be a multicultural society,” he writes.",
        [("home for the few,", "Cecil Foster", None, "explicit"),
         ("Canada was not meant to be a multicultural society,", "Cecil Foster", None, "pronoun")],
    ),
    "second sentence of the paragraph shares the attribution": (
        "“We will rebuild the bridge,” Mary Lopez said. “It will take two years.”",
        [("We will rebuild the bridge,", "Mary Lopez", None, "explicit"),
         ("It will take two years.", "Mary Lopez", None, "continuation")],
    ),
    "quotation running over two paragraphs": (
        "Mary Lopez said: “We will rebuild the bridge as fast as we can.\n\n“It will take two years.”",
        [("We will rebuild the bridge as fast as we can.", "Mary Lopez", None, "explicit"),
         ("It will take two years.", "Mary Lopez", None, "continuation")],
    ),
    "unattributed paragraph continuing the speaker": (
        "“We will rebuild,” Mary Lopez said.\n\n“It will take two years and a great deal of money.”",
        [("We will rebuild,", "Mary Lopez", None, "explicit"),
         ("It will take two years and a great deal of money.", "Mary Lopez", None, "continuation")],
    ),
    "organisation as speaker": (
        "“The claims are baseless and absurd,” the Kremlin said.",
        [("The claims are baseless and absurd,", "Kremlin", None, "explicit")],
    ),
    "'the ministry' stands for the ministry named before": (
        "The Interior Ministry opened an inquiry on Monday.\n\n"
        "“The checks will cover every site,” the ministry said.",
        [("The checks will cover every site,", "Interior Ministry", None, "explicit")],
    ),
    "'the department' stands for the organisation quoted last": (
        "“We are looking into the outage,” the Pentagon said.\n\n"
        "“We expect it to be resolved soon,” the department said.",
        [("We are looking into the outage,", "Pentagon", None, "explicit"),
         ("We expect it to be resolved soon,", "Pentagon", None, "explicit")],
    ),
    "straight quotes": (
        'Defence Minister Ivan Sokol spoke first. "We are ready for anything," Sokol said.',
        [("We are ready for anything,", "Ivan Sokol", "Defence Minister", "explicit")],
    ),
    "backtick quotes": (
        "Defence Minister Ivan Sokol called the deal a `full-fledged partnership.'",
        [("full-fledged partnership.", "Ivan Sokol", "Defence Minister", "explicit")],
    ),
    "dash attribution closing a paragraph": (
        "“I cannot believe how far this has gone.” — Jane Morrow",
        [("I cannot believe how far this has gone.", "Jane Morrow", None, "explicit")],
    ),
    "sentence opening with the cue": (
        "Said Ellis Grant: “I don't get the sense she is interested in reform.”",
        [("I don't get the sense she is interested in reform.", "Ellis Grant", None, "explicit")],
    ),
    "party and state in parentheses between name and cue": (
        '"He would be a great senator, a really great one," Rep. Elijah E. Cummings (D-Md.) said.',
        [("He would be a great senator, a really great one,", "Elijah E. Cummings", "Rep.", "explicit")],
    ),
    "generational suffix stays in the name": (
        '"Black voters have done their part already," Vann R. Newkirk II, a writer for a magazine, said.',
        [("Black voters have done their part already,", "Vann R. Newkirk II", "a writer for a magazine",
          "explicit")],
    ),
    "a clause after the quote with its own speaker is not an attribution": (
        "Minister Ivan Sokol told reporters of “at least forty people under the rubble,” while Governor "
        "Oleg Brun indicated more were missing.",
        [("at least forty people under the rubble,", "Ivan Sokol", "Minister", "explicit")],
    ),
    "paragraph-long quotation after a sentence naming the speaker": (
        "Nurse Terry Chapman says the wait is not what the union sees.\n\n"
        "“Response times that we track can be forty-five minutes in a small township.”",
        [("Response times that we track can be forty-five minutes in a small township.", "Terry Chapman",
          "Nurse", "continuation")],
    ),
    "a definite title stands for the person in focus": (
        "Justin Trudeau spoke at a town hall on Thursday. The prime minister said he was “deeply concerned.”",
        [("deeply concerned.", "Justin Trudeau", None, "pronoun")],
    ),
    "role before a comma and the name": (
        "“We mourn a comrade,” said the current president of Namibia, Hage Geingob.",
        [("We mourn a comrade,", "Hage Geingob", "current president of Namibia", "explicit")],
    ),
    "subject of a sentence without a cue verb": (
        "Senate leader Harold Reed spoke on Monday. In recent weeks, Reed has gone after the governor as "
        "a “tax collector with a smile and no plan.”",
        [("tax collector with a smile and no plan.", "Harold Reed", "Senate leader", "explicit")],
    ),
    "subject name, then a partial quote": (
        "Maria Olsen is once again questioning the budget, urging members to make sure the figures "
        "are “on the level.”",
        [("on the level.", "Maria Olsen", None, "explicit")],
    ),
    "a capitalised description after 'the' is the person in focus, not a name": (
        "Senate Majority Leader Thomas Reyes spoke on Monday.\n\n"
        "“The critics ignored the whole record of this chamber,” the Ohio Republican said.",
        [("The critics ignored the whole record of this chamber,", "Thomas Reyes",
          "Senate Majority Leader", "pronoun")],
    ),
    "a full name written only in the possessive still gives the canonical name": (
        "Part of Ian Castle’s penalty is a two-week ban. “I accept it,” Castle said.",
        [("I accept it,", "Ian Castle", None, "explicit")],
    ),
    "she skips a man named first (given names say the gender)": (
        "Donald Smith met Michelle Lopez in Toronto on Monday. “It was a good day,” she said.",
        [("It was a good day,", "Michelle Lopez", None, "pronoun")],
    ),
    "Mr. Dunmore is not Claire Dunmore": (
        "The first lady, Claire Dunmore, spoke first. “We will win,” Mr. Dunmore said.",
        [("We will win,", "Dunmore", None, "explicit")],
    ),
    "a photographer's credit is no one in the story": (
        "Peter Vance lost his home in 2015.\n\nThe shelter will open soon. (Ravi Holt / Daily Courier)\n\n"
        "“I bought a coat for every one of them,” he says.",
        [("I bought a coat for every one of them,", "Peter Vance", None, "pronoun")],
    ),
    "'the company' is the organisation last named before a cue verb": (
        "Norvell said Thursday that its licence had been suspended, blocking Norvell engineers.\n\n"
        "“We are working with the regulator to fix it,” the company said in a statement.",
        [("We are working with the regulator to fix it,", "Norvell", None, "explicit")],
    ),
    "a no-break space between name and cue": (
        "“Follow the live stream below,\u00a0tonight,” Jane\u00a0Roe\u00a0says.",
        [("Follow the live stream below,\u00a0tonight,", "Jane Roe", None, "explicit")],
    ),
    "a place inside a description is not the speaker": (
        "Smith spoke in Ohio.\n\nThe New York businessman says of his rival, “If he wins, the mills "
        "will close within a year.”",
        [("If he wins, the mills will close within a year.", None, None, "none")],
    ),
    "a short quote closing a sentence opened by a name is that person's words": (
        "Senator Ana Ruiz spoke on Monday. Ruiz then dismissed the bill as “reckless.”",
        [("reckless.", "Ana Ruiz", "Senator", "explicit")],
    ),
    "he is the person named in his own sentence, not the one quoted before": (
        "Jean-Marc Dubois, the foreign minister, said the test “cannot be left without answer.”\n\n"
        "Secretary General Tomas Brel condemned what he called a “brazen breach” of the rules.",
        [("cannot be left without answer.", "Jean-Marc Dubois", "the foreign minister", "explicit"),
         ("brazen breach", "Tomas Brel", "Secretary General", "pronoun")],
    ),
    "he is still the person just quoted when no one else is named between": (
        "“We are ready,” Arlo Finch said of the plan. “We have waited long enough,” he said.",
        [("We are ready,", "Arlo Finch", None, "explicit"),
         ("We have waited long enough,", "Arlo Finch", None, "pronoun")],
    ),
    "'the mother said' is the woman in focus, 'the father said' the man": (
        "Samuel Reyes and Anna Reyes were charged. Samuel Reyes was also charged with fraud.\n\n"
        "The father said “I love my children very much and always will.”\n\n"
        "The mother said “I really look forward to the day I can see them again.”",
        [("I love my children very much and always will.", "Samuel Reyes", None, "pronoun"),
         ("I really look forward to the day I can see them again.", "Anna Reyes", None, "pronoun")],
    ),
    "a given name alone is the one person of the article who has it": (
        "Ada Lutz met her husband at a card shop.\n\n“I walked in because I needed cards,” says Ada.",
        [("I walked in because I needed cards,", "Ada Lutz", None, "explicit")],
    ),
    "a given name two people share stays as written": (
        "Ada Lutz and Ada Brandt met at a card shop.\n\n“I walked in because I needed cards,” says Ada.",
        [("I walked in because I needed cards,", "Ada", None, "explicit")],
    ),
    "a company's first word is not a given name": (
        "Peabody Energy sold the mines in 2015.\n\n“The sale was a success for us,” Peabody said.",
        [("The sale was a success for us,", "Peabody", None, "explicit")],
    ),
    "a period before a lowercase word ends no sentence": (
        "“We will rebuild the barn,” Milo Brandt, who lost 16 lbs. this summer, said on Monday.",
        [("We will rebuild the barn,", "Milo Brandt", None, "explicit")],
    ),
    "a surname that is a title word, right by the cue": (
        "“The advantage we have is that we are a double act on air,” King says.",
        [("The advantage we have is that we are a double act on air,", "King", None, "explicit")],
    ),
    "a title word after 'the' is no one's name": (
        "“We will act on this soon and decisively, I promise,” the President said.",
        [("We will act on this soon and decisively, I promise,", None, None, "none")],
    ),
    "a weekday by the cue is no one's name": (
        "“We will act on this soon and decisively, I promise,” said Friday.",
        [("We will act on this soon and decisively, I promise,", None, None, "none")],
    ),
    "an organisation written with an ampersand": (
        "“Prices will rise again next year, we think,” AT&T said on Monday.",
        [("Prices will rise again next year, we think,", "AT&T", None, "explicit")],
    ),
    "'it said' is the organisation that spoke just before": (
        "Norvell Group said on Monday that it would appeal. “The ruling ignores the facts of the case,” "
        "it said in a statement.",
        [("The ruling ignores the facts of the case,", "Norvell Group", None, "pronoun")],
    ),
    "'it said' with no organisation speaking nearby is no one": (
        "The report was long and dense. “The ruling ignores the facts of the case,” it said.",
        [("The ruling ignores the facts of the case,", None, None, "none")],
    ),
    "an organisation's name begun before 'of'": (
        "The Western Chambers of Commerce welcomed the plan. “This move is the best of both worlds,” "
        "it said.",
        [("This move is the best of both worlds,", "Western Chambers of Commerce", None, "pronoun")],
    ),
    "an organisation's name goes on after 'for', without the sentence's period": (
        "“This move is the best of both worlds,” said the Institute for Fiscal Studies.",
        [("This move is the best of both worlds,", "Institute for Fiscal Studies", None, "explicit")],
    ),
    "paragraphs run together: each opens anew and the speaker named after the last holds all": (
        "Lena Holt won in four minutes. \"It was nice to get that out of the way. \"I felt good, I just had "
        "to relax,\" said Holt. \"It was all about winning at home. \"I got round in one piece.\"",
        [("It was nice to get that out of the way.", "Lena Holt", None, "continuation"),
         ("I felt good, I just had to relax,", "Lena Holt", None, "explicit"),
         ("It was all about winning at home.", "Lena Holt", None, "continuation"),
         ("I got round in one piece.", "Lena Holt", None, "continuation")],
    ),
    "an organisation's name does not reach back over a sentence end": (
        "Rockets hit Delta International Airport. The Foreign Ministry of Ruritania condemned what it "
        "called “a serious violation of our sovereignty.”",
        [("a serious violation of our sovereignty.", "Foreign Ministry of Ruritania", None, "pronoun")],
    ),
    "'said the 30-year-old' is the person in focus": (
        "Hamid Lahlou has not raced for years. “I will run only if I feel I can win,” said the 30-year-old, "
        "who retires next year.",
        [("I will run only if I feel I can win,", "Hamid Lahlou", None, "pronoun")],
    ),
    "a person known in the article, before a role, only qualifies the role": (
        "Senator Amy Reyes spoke first. “The plan is a step toward unity,” said Reyes spokesman Tom Hall.",
        [("The plan is a step toward unity,", "Tom Hall", "Reyes spokesman", "explicit")],
    ),
    "an organisation before a role only qualifies the role": (
        "“We will not raise taxes this year,” said Harbour News moderator Gerald Baxter.",
        [("We will not raise taxes this year,", "Gerald Baxter", "Harbour News moderator", "explicit")],
    ),
    "a given name and a surname that is also an organisation word": (
        "“We will keep the library open all summer,” said Charlotte Church.",
        [("We will keep the library open all summer,", "Charlotte Church", None, "explicit")],
    ),
    "a place and an organisation word stay an organisation": (
        "“We will keep the roads open all summer,” said Brighton Police.",
        [("We will keep the roads open all summer,", "Brighton Police", None, "explicit")],
    ),
    "'remembered X' attributes like 'said X'": (
        "“Many analysts said no, and she set out to prove them wrong,” remembered Ray Vale, a former aide.",
        [("Many analysts said no, and she set out to prove them wrong,", "Ray Vale", "a former aide",
          "explicit")],
    ),
    "two apostrophes as quotation marks, as the New York Times archive writes them": (
        "''We will get used to it fast,'' Mr. Brand said. ''I'm not going to get beaten up.''",
        [("We will get used to it fast,", "Brand", None, "explicit"),
         ("I'm not going to get beaten up.", "Brand", None, "continuation")],
    ),
    "a quotation inside two apostrophes keeps its single marks": (
        "Mr. Brand said, ''She told me, 'They are not used to this.' Well, we are.''",
        [("She told me, 'They are not used to this.' Well, we are.", "Brand", None, "explicit")],
    ),
    "two apostrophes after a plural are no quotation": ("The workers'' union won the vote on Monday.", []),
    "before a colon, the sentence's subject speaks, not a name in the clause": (
        "Dan Ortiz hammered the plan and contrasted its author, whom he called “reckless,” with Lena "
        "Park: “What I have seen working with her is a steady hand.”",
        [("reckless,", "Dan Ortiz", None, "pronoun"),
         ("What I have seen working with her is a steady hand.", "Dan Ortiz", None, "explicit")],
    ),
    "three apostrophes close the inner quotation, then the outer one": (
        "Lars Meyer spoke. ''I tell them, 'We do not care about you at all,''' said Mr. Meyer.",
        [("I tell them, 'We do not care about you at all,'", "Lars Meyer", None, "explicit")],
    ),
    "a cue right before the quotation wins over one far after it": (
        "In 2009, under what Mr. Hedge called “the prior model,” the Marsh Landing Club, a private course "
        "300 miles north of here in Ponte Vedra Beach, Fla., charged a fee.",
        [("the prior model,", "Hedge", None, "explicit")],
    ),
    "an appositive before 'had said' is skipped like one before 'said'": (
        "It came up after Mr. Dorn, asked about the fate of reporters under Mr. Vask, had said, “We do "
        "plenty of that too.”",
        [("We do plenty of that too.", "Dorn", None, "explicit")],
    ),
    "a name and an appositive left open before the cue": (
        "“She needs a plan for these voters,” Nate Sims, the pollster who founded a data site tweeted.",
        [("She needs a plan for these voters,", "Nate Sims", "the pollster", "explicit")],
    ),
    "a phrase and a comma after the quotation, then 'said X'": (
        "Reyes “drew well from rural voters” in the 2008 primary, said Ohio State professor Paul Beck.",
        [("drew well from rural voters", "Paul Beck", "Ohio State professor", "explicit")],
    ),
    "', saying' after an earlier quotation: the person who opens the sentence": (
        "Sen. Ada Lowe visited “Today” to discuss her rival, Mark Dunn, saying “on his worst day” he "
        "would still be better than the others.",
        [("on his worst day", "Ada Lowe", "Sen.", "explicit")],
    ),
    "'said the striker' is the player whose role it is": (
        "Rovers striker Tom Kell scored twice. “It was a tough game for us,” said the striker.",
        [("It was a tough game for us,", "Tom Kell", "Rovers striker", "pronoun")],
    ),
    "a role, then the name set off by commas, before the cue": (
        "“We found no link between the scores and the job,” Vexa's chief people officer, Lars Bock, told "
        "reporters.",
        [("We found no link between the scores and the job,", "Lars Bock", "chief people officer",
          "explicit")],
    ),
    "an organisation that is also a common platform word": (
        "“Our work in this area has changed with the threat,” Twitter said in a statement.",
        [("Our work in this area has changed with the threat,", "Twitter", None, "explicit")],
    ),
    "a given name and a surname that is also a common word": (
        "Steven Law runs the fund. “There is a sense of urgency now,” Law said.",
        [("There is a sense of urgency now,", "Steven Law", None, "explicit")],
    ),
    "she in a sentence without a cue is the woman quoted just before, not one quoted later": (
        "Lena Marsh said her love for the hobby “grew from my love for Halloween.”\n\nShe often chooses "
        "“to portray characters from childhood.”\n\nRuth Cole said, “I wanted accuracy over comfort.”",
        [("grew from my love for Halloween.", "Lena Marsh", None, "explicit"),
         ("to portray characters from childhood.", "Lena Marsh", None, "pronoun"),
         ("I wanted accuracy over comfort.", "Ruth Cole", None, "explicit")],
    ),
    "a short quote inside a noun phrase stays a scare quote": ("Tom Hale drives a “vintage” car.", []),
    "unattributed quotation keeps no speaker": (
        "Concerns about the “deep and growing partnership between the two” have grown.",
        [("deep and growing partnership between the two", None, None, "none")],
    ),
    "byline is never a speaker": (
        "- AAMER SMITH AND ZEKE JONES\n\n“This is a long enough quotation to keep,” he said.",
        [("This is a long enough quotation to keep,", None, None, "none")],
    ),
    "title of a book is not a quote": ("She has read the novel “War and Peace” twice.", []),
    "a show's title is not a quote, even beside a speaker": (
        "Senator Ruth Kellan said on “Sunday Roundtable.” that she would vote no.", []),
    "a one-word Title Case quotation with a speaker stays": (
        "“Tomorrow,” Lena Fisk said.", [("Tomorrow,", "Lena Fisk", None, "explicit")]),
    "scare quote is not a quote": ("The so-called “reform” was shelved last year.", []),
    "nickname is not a quote": ("Robert “Bobby” Jones won the race again.", []),
    "apostrophes are not quotation marks": ("The workers' union won't strike, the company's CEO hopes.", []),
    "he after 'Unlike X,' is the person before": (
        "Omar Haddad and his wife came in 2016, when Haddad was still in school.\n\n"
        "Unlike Sami Nasser, he has not found work.\n\n“My study comes afterwards,” he said.",
        [("My study comes afterwards,", "Omar Haddad", None, "pronoun")]),
    "a cue joined by 'and' to the subject's first verb": (
        "Ben Carson spoke late. Carson took the stage at the Grand Hotel in Baltimore and called the "
        "system “rotten to the core.”",
        [("rotten to the core.", "Ben Carson", None, "explicit")]),
    "a cue in a new clause after the quotation is not its speaker's": (
        "Ana Cruz said he would make the sand “glow in the dark,” for instance, and Tom Hale vowed to "
        "“bomb the hell” out of them.",
        [("glow in the dark,", "Ana Cruz", None, "explicit"),
         ("bomb the hell", "Tom Hale", None, "explicit")]),
    "a relative clause after a title in quotation marks keeps the subject": (
        "Sam Solvey, a contestant on Tom Hale's show, “The Apprentice,” who went on to work alongside "
        "Hale, said his boss was “always kind and generous.”",
        [("always kind and generous.", "Sam Solvey", None, "explicit")]),
    "a cue verb after 'to' is no speech": (
        "Ana Nance met Tom Hale. Nance said she would like Hale to further explain his stance but backs him "
        "because there is “no question” he is right.",
        [("no question", "Ana Nance", None, "explicit")]),
    "a paragraph-long quotation signed on the next line": (
        "Others asked for copies.\n\n“I went to Wall Street before the crash and warned them.”\n\n"
        "- Hillary Clinton.\n\nShe tends to overstate it.",
        [("I went to Wall Street before the crash and warned them.", "Hillary Clinton", None, "explicit")]),
    "a dashed line that names no one signs nothing": (
        "“We are ready for this fight, and we will win it in the end.”\n\n- the end -\n",
        [("We are ready for this fight, and we will win it in the end.", None, None, "none")]),
    "a place-based modifier before the name": (
        "“Carson is cratering,” Texas-based Matt Mackowiak said.",
        [("Carson is cratering,", "Matt Mackowiak", None, "explicit")]),
    "a lone name opening the sentence before 'and said'": (
        "During a HuffPost Live interview, the actress was asked about it. Hayek confirmed she had been and "
        "said, “America has a severe problem with it.”\n\nHer friend praised Hayek.",
        [("America has a severe problem with it.", "Hayek", None, "explicit")]),
    "a name set off by a dash before the colon": (
        "Pollsters agree - Carl Bialik: “Keep on contacting voters as late as possible.”",
        [("Keep on contacting voters as late as possible.", "Carl Bialik", None, "explicit")]),
    "an inverted cue inside the sentence before the quotation": (
        "Because of how the schedule was set, explained Rosenberg, “with this over by March, it is done.”",
        [("with this over by March, it is done.", "Rosenberg", None, "explicit")]),
    "'told X' names the listener, not the speaker": (
        "Tom Hale met Mook. Later, Mook told CBS, “We are focused on this opportunity.”",
        [("We are focused on this opportunity.", "Mook", None, "explicit")]),
    "an organisation word as a surname after a title": (
        "Judge Durham Hall QC said they “appear not to have shown any respect for decent behaviour.”",
        [("appear not to have shown any respect for decent behaviour.", "Durham Hall", "Judge", "explicit")]),
    "an inverted cue closing a sentence the quotation opens": (
        "“Many would call that an embarrassment for her” if she did not win by more, said David Wasser, an "
        "analyst.",
        [("Many would call that an embarrassment for her", "David Wasser", "an analyst", "explicit")]),
    "a name with an appositive before the cue is the speaker, not a place after it": (
        "“China has a different approach,” Richard Fadden, a former adviser, said on Question Period.",
        [("China has a different approach,", "Richard Fadden", "a former adviser", "explicit")]),
    "two quotations joined by 'and' before one cue": (
        "Guns are “the ultimate public health crisis” and “stunt children's growth,” Howard Dean, the "
        "former governor, proclaimed.",
        [("the ultimate public health crisis", "Howard Dean", "the former governor", "continuation"),
         ("stunt children's growth,", "Howard Dean", "the former governor", "explicit")]),
    "'according to its ...' inside reported speech leaves the subject speaking": (
        "Win Htein, a party member, said on Tuesday that according to its analysis, the party has won, but "
        "“we are still counting the seats.”",
        [("we are still counting the seats.", "Win Htein", "a party member", "explicit")]),
    "a role with a place before the name and its commas": (
        "“I am outraged at the hypocrisy,” the play's organiser in Uganda, Sarah Mukasa, told the BBC.",
        [("I am outraged at the hypocrisy,", "Sarah Mukasa", "the play's organiser in Uganda", "explicit")]),
    "a role repeated after the name is no second name": (
        "Axa blamed the market. “The stock market has grown,” Axa spokesman Mark Hamilton, Axa spokesman, "
        "told BBC News.",
        [("The stock market has grown,", "Mark Hamilton", "Axa spokesman", "explicit")]),
    "a person who shot back": (
        "After Jerry Brown criticised him, Hillary Clinton shot back, “I could have stayed home and baked.”",
        [("I could have stayed home and baked.", "Hillary Clinton", None, "explicit")]),
    "', adding that ...' after a quotation: the sentence's subject adds it": (
        "Speaking in Ohio, Ted Cruz said there is “only one conservative who can win,” adding that it is "
        "why Tom Hale “attacks us all the time.”",
        [("only one conservative who can win,", "Ted Cruz", None, "explicit"),
         ("attacks us all the time.", "Ted Cruz", None, "explicit")]),
    "an organisation's spokesman speaks for it": (
        "“We are consulting on compensation schemes,” a BAA spokesman said.",
        [("We are consulting on compensation schemes,", "BAA", None, "explicit")]),
    "a person's statement is theirs": (
        "Mr Crosby was appointed in October. Mr Crosby's statement said: “The party has made an impact.”",
        [("The party has made an impact.", "Crosby", None, "explicit")]),
    "a person's spokesman is not the person": (
        "Ivan Petrov spoke on Monday. “They need to stop talking about this,” Mr Petrov's spokesman said.",
        [("They need to stop talking about this,", None, None, "none")]),
    "a quotation in the first person after a sentence opened by 'she'": (
        "Andrea Arnold said she felt “flattered and honoured.”\n\nAnd she won't commit to an opinion of "
        "Hollywood yet. “I'm just in the middle of it, living day to day.”",
        [("flattered and honoured.", "Andrea Arnold", None, "explicit"),
         ("I'm just in the middle of it, living day to day.", "Andrea Arnold", None, "continuation")]),
    "words about him after a sentence opened by 'he' are someone else's": (
        "Bob Marley said he was “ready to tour Africa.”\n\nHe had only performed in Zimbabwe before. "
        "“Of course the tour never happened, but Africa would have embraced him.”",
        [("ready to tour Africa.", "Bob Marley", None, "explicit"),
         ("Of course the tour never happened, but Africa would have embraced him.", None, None, "none")]),
    "a party alone as the subject speaks": (
        "Democrats also blasted the committee for failing to say the immunity was only “partial,” meaning "
        "little.",
        [("partial,", "Democrats", None, "explicit")]),
    "a party word before a name is no speaker": (
        "“We will win this seat,” Labour MP Jane Rowe said.",
        [("We will win this seat,", "Jane Rowe", "MP", "explicit")]),
    "an unnamed source after the cue is no one else either": (
        "Democrats also blasted the committee on Friday.\n\n“Republicans are in a frenzy that is "
        "disorganized,” said one Democratic source on the panel.",
        [("Republicans are in a frenzy that is disorganized,", None, None, "none")]),
    "an appositive after a quoted name keeps the sentence's subject": (
        "Anna Franek of “Have no fear”, an abuse victim support charity, told Reuters “it almost appears "
        "as if the statement was prepared before”.",
        [("it almost appears as if the statement was prepared before", "Anna Franek", None, "explicit")]),
    "she after a sentence naming a person only after 'of'": (
        "Emma Caufield talked of being cast in a pilot. Faced with losing the character of Anya Jenkins, the "
        "producers made her a regular. “It was a good day,” she recalls.",
        [("It was a good day,", "Emma Caufield", None, "pronoun")]),
    "a name after 'of' stands when the sentence before has no one": (
        "The rain stopped. The producers kept the character of Anya Jenkins. “It was a good day,” she "
        "recalls.",
        [("It was a good day,", "Anya Jenkins", None, "pronoun")]),
    "'his son said' is not him": (
        "Thorne Nogar died in 1994. “He called them his back-up tapes,” his son said.",
        [("He called them his back-up tapes,", None, None, "none")]),
    "an occupation before a name is a role": (
        "“It is badly thought out,” Farmer Geoff Brooks told BBC News.",
        [("It is badly thought out,", "Geoff Brooks", "Farmer", "explicit")]),
    "labelling as a cue": (
        "Critics were cool, with the Los Angeles Times labelling it a “dispiriting vanity project”.",
        [("dispiriting vanity project", "Los Angeles Times", None, "explicit")]),
    "an 'it' no organisation explains gives way to the cue before it": (
        "Rex Tillman met his wife, and a State Department spokesman said in April it had called on Turkey "
        "to “resolve his case in a fair manner.”",
        [("resolve his case in a fair manner.", "State Department", None, "explicit")]),
    "'is said to' is no one speaking": (
        "The watchdog is said to believe the pair were party to “privileged information about the bonds.”",
        [("privileged information about the bonds.", None, None, "none")]),
    "an opening subordinate clause is not the sentence's subject": (
        "Ever since she endorsed Ann Cole this month, Ms. Warren has been a surrogate with a simple message: "
        "“Don't screw this up!”",
        [("Don't screw this up!", "Warren", None, "explicit")]),
    "a participle after an object is not the object's": (
        "“Many people are uncertain,” Peter Thiel wrote in a statement to Wired explaining why he will "
        "speak, “but most agree the country is on the wrong track.”",
        [("Many people are uncertain,", "Peter Thiel", None, "explicit"),
         ("but most agree the country is on the wrong track.", "Peter Thiel", None, "explicit")]),
    "'is pledging to' is speech (not a passive 'is said to')": (
        "Bernie Sanders, celebrating a victory in Vermont, is pledging to “win many hundreds of delegates”.",
        [("win many hundreds of delegates", "Bernie Sanders", None, "explicit")]),
    "a place after 'in' and a party label before the comma": (
        "Tuesday at Wallace University in Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said, "
        "“I am getting ready to rent a covered wagon.”",
        [("I am getting ready to rent a covered wagon.", "John Kasich", "Gov.", "explicit")]),
    "a cue joined by 'but' to the subject's first verb": (
        "House Republican Thomas Massie used to support fellow Kentuckian Rand Paul, but now said Trump had "
        "“the opportunity to bring us together.”",
        [("the opportunity to bring us together.", "Thomas Massie", None, "explicit")]),
    "'it said' after an organisation that spoke with an adverb between": (
        "Harbour Energy Group vehemently denied the claims on Monday.\n\n“We remain committed to a fair "
        "system,” it said.",
        [("We remain committed to a fair system,", "Harbour Energy Group", None, "pronoun")]),
    "a quotation signed by 'Name said.' after its period": (
        "The nominee caused howls of outrage.\n\n“Russia, if you are listening, find the emails.” Tom Hale "
        "said.",
        [("Russia, if you are listening, find the emails.", "Tom Hale", None, "explicit")]),
    "'Name said:' after a quotation's period introduces the next one": (
        "Abdul Zahed and his wife, Breshna Alawee, pleaded for understanding.\n\n“We are refugees,” Ms. "
        "Alawee said. “We are not terrorists.” Mr. Zahed said: “The attack is the work of terrorists.”",
        [("We are refugees,", "Breshna Alawee", None, "explicit"),
         ("We are not terrorists.", "Breshna Alawee", None, "continuation"),
         ("The attack is the work of terrorists.", "Abdul Zahed", None, "explicit")]),
    "'as X said' after a quotation": (
        "The fact that the race “is a dead heat right now,” as Ted Cruz said on a radio show, matters.",
        [("is a dead heat right now,", "Ted Cruz", None, "explicit")]),
    "'as ..., X said' after a quotation": (
        "“He was going to make the name known,” as his father dreamed, Mr. Turry said.",
        [("He was going to make the name known,", "Turry", None, "explicit")]),
    "cites and cracked as cues": (
        "Tom Frank cites “the placards carried by marchers” as proof. Later Ann Cole cracked, “I could have "
        "stayed home.”",
        [("the placards carried by marchers", "Tom Frank", None, "explicit"),
         ("I could have stayed home.", "Ann Cole", None, "explicit")]),
    "a school named with a religion word is no person in focus": (
        "As Covington Catholic reopened on Wednesday, Senate Leader Mitch McConnell blamed the media.\n\n"
        "“They isolated a few seconds of video,” the Kentucky Republican said.",
        [("They isolated a few seconds of video,", "Mitch McConnell", "Senate Leader", "pronoun")]),
    "as X put it": (
        "As Lena Fisk, a tax lawyer in Ohio, put it, ''Did he lower his taxes legally or not?''",
        [("Did he lower his taxes legally or not?", "Lena Fisk", "a tax lawyer in Ohio", "explicit")]),
    "a cue of temper": (
        "“They would have gone to the only bill with support,” Senator Ruth Kellan fumed on Tuesday.",
        [("They would have gone to the only bill with support,", "Ruth Kellan", "Senator", "explicit")]),
    "a name then a role without commas before the cue": (
        "“It looks very strong,” Dr Mike Watts head of exploration said.",
        [("It looks very strong,", "Mike Watts", "head of exploration", "explicit")]),
    # -- a description as a sentence's subject, and pronoun chains past other clauses
    "a description opening the sentence before is who 'he' is": (
        "Ngo Van Lam, the general secretary of the party, said Vietnam supports Russia. The Party chief "
        "made the remark at a reception for visiting Defence Minister Pavel Orlov in Hanoi. “We treasure "
        "the friendship,” he stated.",
        [("We treasure the friendship,", "Ngo Van Lam", "the general secretary of the party", "pronoun")]),
    "a titled description is the one holding the title": (
        "Defence Minister Musa Bello has said 20,000 personnel had been recruited under President Ade "
        "Okafor. The Minister, who spoke at a parade on Thursday, also said the $1bn approved by President "
        "Okafor would buy arms. According to him, “we have recruited more than 20,000 across the armed "
        "forces.”",
        [("we have recruited more than 20,000 across the armed forces.", "Musa Bello", "Defence Minister",
          "pronoun")]),
    "a generic description stands for the person in focus": (
        "President Lina Hart said she had warned Mr Ivo Petrov of serious consequences. The president has "
        "promised a proportional response. She appeared to suggest more, stating: “Whatever they do to us, "
        "we can do to them.”",
        [("Whatever they do to us, we can do to them.", "Lina Hart", "President", "pronoun")]),
    "according to him": (
        "Tomas Weir visited the base on Friday. According to him, “the troops are ready.”",
        [("the troops are ready.", "Tomas Weir", None, "pronoun")]),
    "according to her lawyer is not her": (
        "Ana Ruiz was questioned for hours. According to her lawyer, “the charges will not stand.”",
        [("the charges will not stand.", None, None, "none")]),
    "a participle clause naming someone else before he": (
        "Tunde Bako, who was reacting to President Ade Okafor's decision, faulted the view. While "
        "challenging the committee to say if President Okafor was still the leader, he advised the party "
        "leaders to learn. He said, “I'm telling the chairman to retire now.”",
        [("I'm telling the chairman to retire now.", "Tunde Bako", None, "pronoun")]),
    "a subordinate clause with its own subject keeps it for he": (
        "Ben Hale asked for costs. While Judge Omar Dunn said he was loath to penalize a charity, he "
        "believed it had acted by “tossing roadblocks in the way of democracy.”",
        [("tossing roadblocks in the way of democracy.", "Omar Dunn", "Judge", "pronoun")]),
    "a quotation alone as a paragraph after a sentence about someone": (
        "Abu Samir, a 28-year-old from Homs who survived detention, blames the violence on conditions in "
        "the camp.\n\n\"If you put a group of saints in this camp for a long time, they will end up "
        "fighting.\"\n\nA psychologist in the camp agrees.",
        [("If you put a group of saints in this camp for a long time, they will end up fighting.",
          "Abu Samir", None, "continuation")]),
    # -- roles
    "an appositive with its closing comma missing before the cue": (
        "Karim Al Haddad, assistant director general of the Smart Harbour Office (SHO) said: “As the world "
        "grows ever more connected, security matters.”",
        [("As the world grows ever more connected, security matters.", "Karim Al Haddad",
          "assistant director general of the Smart Harbour Office (SHO)", "explicit")]),
    "the role in an appositive at the first mention": (
        "Rajan Vilas, a minister in Modi's cabinet, said the jobs data was worrying. “People expect only "
        "Modi to give them jobs,” Vilas said in an interview.",
        [("People expect only Modi to give them jobs,", "Rajan Vilas", "a minister in Modi's cabinet",
          "explicit")]),
    "an abbreviation inside an appositive role": (
        "“That is a big mistake,” Jon R. Tiller, a political science professor at the University of St. "
        "Thomas in Houston, Texas, said.",
        [("That is a big mistake,", "Jon R. Tiller",
          "a political science professor at the University of St. Thomas in Houston", "explicit")]),
    "a relative clause ends an appositive role": (
        "“It was common ground,” said John D. Podell, a chief of staff to President Bill Clinton whom Mr. "
        "Obama recruited to lead his climate efforts in his second term.",
        [("It was common ground,", "John D. Podell", "a chief of staff to President Bill Clinton",
          "explicit")]),
    "an office of something before the name": (
        "“The suspect pointed an object at the officers,” said NYPD Chief of Department Terence Mohan.",
        [("The suspect pointed an object at the officers,", "Terence Mohan", "NYPD Chief of Department",
          "explicit")]),
    "a function before a rank": (
        "The request “will be promptly reviewed,” California National Guard spokesman Lt. Colonel Tom "
        "Kegan said in a statement.",
        [("will be promptly reviewed,", "Tom Kegan", "California National Guard spokesman Lt. Colonel",
          "explicit")]),
    "mere modifiers before a title are no role of their own": (
        "“We will get to work,” Newly elected Assemblywoman Selma Tores said.",
        [("We will get to work,", "Selma Tores", "Assemblywoman", "explicit")]),
    "an office named in capitals is no person, and Comrade no name": (
        "The Deputy National Publicity Secretary of the ruling All Progressives Congress (APC), Comrade "
        "Timo Franks, has advised the party's chairman to resign. He said, “I'm telling the chairman to "
        "retire now.”",
        [("I'm telling the chairman to retire now.", "Timo Franks",
          "Deputy National Publicity Secretary of the ruling All Progressives Congress (APC)", "pronoun")]),
    "a role head ending the sentence before an honorific is no role": (
        "Jailed tycoon Mikhail Korsky has transferred his stake to a business partner.\n\nMr Korsky said: "
        "“It is all over for me.”",
        [("It is all over for me.", "Mikhail Korsky", None, "explicit")]),
    "a person named right after an organisation's country": (
        "Vietnam wants Russia to play a greater role, said General Secretary of the Communist Party of "
        "Vietnam Nguyen Van Tho. “We treasure the friendship,” he stated.",
        [("We treasure the friendship,", "Nguyen Van Tho",
          "General Secretary of the Communist Party of Vietnam", "pronoun")]),
    "a title's first word alone makes no person of a place": (
        "It happened in the Crown Heights neighborhood, according to Chief Terry Moran. “The suspect "
        "pointed an object at the officers,” he said.",
        [("The suspect pointed an object at the officers,", "Terry Moran", "Chief", "pronoun")]),
    "a cue verb opening the sentence is no part of the name": (
        "“The next thing they know,” said Amy Roth, “they are singing.” Said Allen Park, “Suddenly, the "
        "event becomes memorable.” Explained Keith, “We like to run progressive events.”",
        [("The next thing they know,", "Amy Roth", None, "explicit"),
         ("they are singing.", "Amy Roth", None, "explicit"),
         ("Suddenly, the event becomes memorable.", "Allen Park", None, "explicit"),
         ("We like to run progressive events.", "Keith", None, "explicit")]),
    "an office without a name is no speaker": (
        "The dead soldier's Commanding Officer said: “He was a deeply intelligent man and a loyal friend.”",
        [("He was a deeply intelligent man and a loyal friend.", None, None, "none")]),
    "a relative clause left open before the cue": (
        "Barry Smith, who was from Dewsbury said: “It was a great day for all of us.”",
        [("It was a great day for all of us.", "Barry Smith", None, "explicit")]),
    "said the CEO": (
        "Carmaker head Johan Nyssen is betting big on the engine. “It is a matter of being a thoroughbred "
        "luxury car,” said the CEO.",
        [("It is a matter of being a thoroughbred luxury car,", "Johan Nyssen", "Carmaker head", "pronoun")]),
    "claims by someone that ...": (
        "Chief Justice Daniel Marsa has denied claims by Interior Minister Fred Mwangi that an ‘evil "
        "clique’ was running the courts.",
        [("evil clique", "Fred Mwangi", "Interior Minister", "explicit")]),
    "terming them": (
        "Opposition leader Rana Odhi chastised Mwangi for the comments, terming them \"reckless and "
        "irresponsible\".",
        [("reckless and irresponsible", "Rana Odhi", "Opposition leader", "explicit")]),
    "a source reporting after the quotation is not its speaker": (
        "In November, Ross Barr tweeted, \"Who is Q?\" The Daily Beast reported.",
        [("Who is Q?", "Ross Barr", None, "explicit")]),
    "a place before a full name is no part of it": (
        "“We will restore order,” Hong Kong Carrie Lam said on Tuesday.",
        [("We will restore order,", "Carrie Lam", None, "explicit")]),
    "a sentence adverb is no part of a name": (
        "Afterwards Ross Barr said the rally was “a great success for all of us.”",
        [("a great success for all of us.", "Ross Barr", None, "explicit")]),
    "a spokeswoman opening the sentence before 'she said'": (
        "The row went on. A Department for Constitutional Affairs spokeswoman said Lord Woolf and Lord "
        "Fenton agreed on the principle. \"Their disagreement is about whether the bill should be "
        "amended,\" she said.",
        [("Their disagreement is about whether the bill should be amended,",
          "Department for Constitutional Affairs", None, "explicit")]),
    "a title with its name's words, the name before a comma and no closing comma": (
        "Rhodri Glyn Thomas, Plaid Cymru health spokesman said: \"It's exactly the same target she set in "
        "1999.\"",
        [("It's exactly the same target she set in 1999.", "Rhodri Glyn Thomas",
          "Plaid Cymru health spokesman", "explicit")]),
    "the sentence before is no part of a role": (
        "He was sent off on the field. Company spokesman Tom Hale said: \"We are looking into the matter "
        "closely.\"",
        [("We are looking into the matter closely.", "Tom Hale", "Company spokesman", "explicit")]),
    "a clause about someone, then ', he claimed, saying'": (
        "Michael Hale attacked the government on Monday. Mr Blair has failed to tackle these problems, he "
        "claimed, saying he has the \"wrong solution\" for the country.",
        [("wrong solution", "Michael Hale", None, "pronoun")]),
    "a quotation, then ', he argued' is still the quoted one's": (
        "Ann Lowe spoke first. Don Blake concurred: \"We need to stop policing the world\", he argued.",
        [("We need to stop policing the world", "Don Blake", None, "pronoun")]),
    "a Number 10 spokeswoman": (
        "Downing Street would not be drawn on the claim. A Number 10 spokeswoman would only say: \"He will "
        "announce an election when he wants to.\"",
        [("He will announce an election when he wants to.", "Number 10", None, "explicit")]),
    "a surname alone far from the last full name is the one the story names most": (
        "Ted Cruse spoke in Texas on Monday. Ted Cruse said the race was close. Donald Tramp later tweeted "
        "a photo of Heidi Cruse, his rival's wife, and drew much criticism for it from voters across the "
        "whole country. The two men spent months lobbing pointed insults at one another on television, on "
        "the radio and online, and neither of them showed any sign of stopping before the vote in the "
        "spring. Their supporters filled the halls of every town they visited, and the polls swung from "
        "week to week as the two camps spent millions on advertising across the early states. Cruse called "
        "Tramp “a pathological liar” at a rally in Houston.",
        [("a pathological liar", "Ted Cruse", None, "explicit")]),
    "claims that ... are no one's named": (
        "Michael Hale has dismissed claims that his immigration policy was \"moving onto the turf\" of the "
        "far right.",
        [("moving onto the turf", None, None, "none")]),
    "opines": (
        "\"Harris can probably rest easy tonight\", Tom Martin opines, \"she will not lose this one.\"",
        [("Harris can probably rest easy tonight", "Tom Martin", None, "explicit"),
         ("she will not lose this one.", "Tom Martin", None, "explicit")]),
    "the spokesman speaks for the organisation whose spokesman the story named": (
        "\"We expect to resist the charges,\" said a Vantel spokesman. The Commission said in a statement "
        "that \"consumers are overcharged.\" The Vantel spokesman said a similar process would start. The "
        "process \"may go on for some time yet\", the spokesman said.",
        [("We expect to resist the charges,", "Vantel", None, "explicit"),
         ("consumers are overcharged.", "Commission", None, "explicit"),
         ("may go on for some time yet", "Vantel", None, "explicit")]),
    "the spokesman with no organisation named is no one's": (
        "Tom Reed, the mayor, met the press. \"We are looking at it closely,\" the spokesman said.",
        [("We are looking at it closely,", None, None, "none")]),
    "a cue verb opening the sentence is no part of the role": (
        "Remarked Center for Biological Diversity scientist Tierra Curran, \"This is a tragedy for the "
        "species.\"",
        [("This is a tragedy for the species.", "Tierra Curran", "Center for Biological Diversity scientist",
          "explicit")]),
    "a role of something plain before the comma and the name": (
        "The president of the company, Tim Cole, said: \"We will not sell the plant this year.\"",
        [("We will not sell the plant this year.", "Tim Cole", "president of the company", "explicit")]),
    "a list of someone's officers is no role": (
        "Vantex, its chief executive Jean Fort and chief operating officer Eric Lane, said it believes "
        "there is “no legal basis” for the complaints. “We will fight this,” Vantex said.",
        [("no legal basis", "Vantex", None, "explicit"),
         ("We will fight this,", "Vantex", None, "explicit")]),
    "an ally before the name is part of the role": (
        "“Dan is a longtime friend of mine,” said Morgan ally Jim Carlow.",
        [("Dan is a longtime friend of mine,", "Jim Carlow", "Morgan ally", "explicit")]),
    "', adding' after a quotation that opens the sentence is the speaker's": (
        "“I think Ann Kasko would be the best nominee,” Lyle Graves said on \"Morning Show,\" adding, “Ann "
        "Kasko's problem is she is an insider.”",
        [("I think Ann Kasko would be the best nominee,", "Lyle Graves", None, "explicit"),
         ("Ann Kasko's problem is she is an insider.", "Lyle Graves", None, "explicit")]),
    "'X added, saying' is X's, not the sentence's first name": (
        "Jim Comer cannot say that “from his perspective,” Ross Lenski added, saying it should be “up to the "
        "prosecutor to move forward.”",
        [("from his perspective,", "Ross Lenski", None, "explicit"),
         ("up to the prosecutor to move forward.", "Ross Lenski", None, "explicit")]),
    "an abbreviation with inner periods inside an appositive": (
        "Lead author Dan Pallu, a Ph.D. candidate at the University of Florida, said, \"Frogs may look "
        "similar.\"",
        [("Frogs may look similar.", "Dan Pallu", "a Ph.D. candidate at the University of Florida",
          "explicit")]),
    "a description opening the sentence is the subject of 'and vowed'": (
        "President Don Tramp spoke on Monday. The president did not concede in his statement, however, and "
        "vowed to keep fighting \"the good fight\" in court.",
        [("the good fight", "Don Tramp", "President", "pronoun")]),
    "'the president' is not the vice president": (
        "President Don Tramp and Vice President Joe Bidden spoke. \"We will win,\" the president said.",
        [("We will win,", "Don Tramp", "President", "pronoun")]),
    "the commission is the one named with its 'on ...'": (
        "The Commission on Presidential Debates met on Friday.\n\nIn a statement, the commission said, \"The "
        "debate is off.\"",
        [("The debate is off.", "Commission on Presidential Debates", None, "explicit")]),
    "'his remarks' after a quotation is a noun, no cue": (
        "Mayor Ken Livingston, who says he is \"standing by\" his remarks, was criticised by Tom Blare.",
        [("standing by", "Ken Livingston", "Mayor", "explicit")]),
    "the MP for a place is the person, not the place": (
        "Former minister Frank Fields MP criticised the pair. \"What sort of model does it give?\" the "
        "Labour MP for Birkenhead asked.",
        [("What sort of model does it give?", "Frank Fields", "Former minister", "pronoun")]),
    "an auxiliary's verb is no part of a role": (
        "Tom Blare has urged London mayor Ken Livingston to apologise. Mr Livingston said: \"I will not "
        "apologise to anyone.\"",
        [("I will not apologise to anyone.", "Ken Livingston", "London mayor", "explicit")]),
    "a trailing 'according to' an outlet does not override the sentence's speaker": (
        "Nancy Pelosa called the conduct a \"breach of his Constitutional responsibilities,\" according to "
        "NBC.",
        [("breach of his Constitutional responsibilities,", "Nancy Pelosa", None, "explicit")]),
    "'according to' alone names the source": (
        "\"The economy is slowing down this year,\" according to Ann Marsh, an economist at the bank.",
        [("The economy is slowing down this year,", "Ann Marsh", "an economist at the bank", "explicit")]),
    "'the president' is not the president-elect": (
        "President Don Tramp and President-elect Joe Bidden spoke. The president did not concede, however, "
        "and vowed to keep fighting \"the good fight\" in court.",
        [("the good fight", "Don Tramp", "President", "pronoun")]),
    "a statement read: whoever released it": (
        "The Baxley Police Department released a statement on Friday. \"Officers responded to a call at "
        "4.43 p.m.,\" the statement read.",
        [("Officers responded to a call at 4.43 p.m.,", "Baxley Police Department", None, "explicit")]),
    "an organisation's statement read": (
        "\"The performer had been asked to tone his act down after rehearsal,\" a BBC statement read.",
        [("The performer had been asked to tone his act down after rehearsal,", "BBC", None, "explicit")]),
    "'Read More' is web furniture, not an inverted cue": (
        "The couple will share the cake with guests.\n\nRead More “The cake features everything the royal "
        "couple has asked for,” the bakers said.",
        [("The cake features everything the royal couple has asked for,", None, None, "none")]),
    "'her mother wrote' is someone unnamed, not the one quoted before": (
        "David Lamb spoke at the vigil. \"We will not forget her,\" he said.\n\n“To my baby Nesha,” her "
        "mother wrote on a note.",
        [("We will not forget her,", "David Lamb", None, "pronoun"),
         ("To my baby Nesha,", None, None, "none")]),
    "'his son said' is the son the article names": (
        "\"We have had them for years,\" Thorne Nogar's son Stephen said. Nogar always made two tapes. \"He "
        "called them his back-up tapes,\" his son said.",
        [("We have had them for years,", "Stephen", None, "explicit"),
         ("He called them his back-up tapes,", "Stephen", None, "pronoun")]),
    "'one official said' is no one named": (
        "Frances Ive spoke first. \"It is a disgrace,\" she said. One official said: \"You should not ask "
        "about this matter.\"",
        [("It is a disgrace,", "Frances Ive", None, "pronoun"),
         ("You should not ask about this matter.", None, None, "none")]),
    "'X responded positively, saying' is X's, not a place in the clause before": (
        "When asked about his aims for the season, which will start at Brands Hatch, Rob Collard responded "
        "positively, saying his aim is “to win as many races as possible.”",
        [("to win as many races as possible.", "Rob Collard", None, "explicit")]),
    "'is described by the network as' is not the described person's words": (
        "Colin Macy, 25, is described by the network as “a quintessential mama’s boy.”",
        [("a quintessential mama’s boy.", None, None, "none")]),
    "'as the OC Weekly put it'": (
        "Prosecutors “secretly operated unconstitutional scams with jail snitches,” as the OC Weekly put it.",
        [("secretly operated unconstitutional scams with jail snitches,", "OC Weekly", None, "explicit")]),
    "a role before an honorific and the name": (
        "\"In difficult circumstances we did well,\" said NAO head Sir John Bourne.",
        [("In difficult circumstances we did well,", "John Bourne", "NAO head", "explicit")]),
    "a scientist's field as a role head": (
        "\"It's incredible,\" said state archivist Jody Normand.",
        [("It's incredible,", "Jody Normand", "state archivist", "explicit")]),
    "an honorific alone is no role": (
        "Tom Brewer, an economist with the consulting firm Tea Zee, spoke. \"Prices will rise,\" said Dr. "
        "Brewer.",
        [("Prices will rise,", "Tom Brewer", "an economist with the consulting firm Tea Zee", "explicit")]),
    "'said the magazine' is the magazine named before": (
        "Mobile PC magazine has ranked the top 100 gadgets.\n\n\"In general we included only items that were "
        "potentially mobile,\" said the magazine.",
        [("In general we included only items that were potentially mobile,", "Mobile PC", None, "explicit")]),
    "a newspaper named in the phrase": (
        "\"It comes as bad news for the company\", the China Daily newspaper said of the latest development.",
        [("It comes as bad news for the company", "China Daily", None, "explicit")]),
    "a person's campaign speaks as the campaign": (
        "Joe Bidden met voters. The Bidden campaign said Tom Trumble was \"sowing chaos and division\".",
        [("sowing chaos and division", "Bidden campaign", None, "explicit")]),
    "', adding that' goes with the quotation before, not the sentence's first name": (
        "Speaking to supporters in South Carolina after the primary, Ted Cruse said that there is “only one "
        "strong conservative in a position to win,” adding that it's why Don Trumpf “relentlessly attacks "
        "us.”",
        [("only one strong conservative in a position to win,", "Ted Cruse", None, "explicit"),
         ("relentlessly attacks us.", "Ted Cruse", None, "explicit")]),
    "'and Y calling' is Y's": (
        "Republicans attacked the inquiry, with Steve Scalese of Louisiana calling it \"Soviet-style\" and "
        "Ross Spana of Florida calling the process \"a blatant and obvious coup\".",
        [("Soviet-style", "Steve Scalese", None, "explicit"),
         ("a blatant and obvious coup", "Ross Spana", None, "explicit")]),
    "the same words quoted again take the speaker given where they are attributed": (
        "Photo caption: \"Our hope is that together we may provide a better tomorrow.\"\n\nThe club will "
        "hold a gala. \"Our hope is that together we may provide a better tomorrow,\" the Allendale Club "
        "said.",
        [("Our hope is that together we may provide a better tomorrow.", "Allendale Club", None,
          "continuation"),
         ("Our hope is that together we may provide a better tomorrow,", "Allendale Club", None,
          "explicit")]),
    "an object before 'and asking' is no subject": (
        "Hillary Clinton stored emails on a server. Republicans chimed in, with Don Trumpf tweeting that it "
        "was a \"disaster\" for Clinton and asking, \"How can someone with such bad judgement be our next "
        "president?\"",
        [("disaster", "Don Trumpf", None, "explicit"),
         ("How can someone with such bad judgement be our next president?", "Don Trumpf", None, "explicit")]),
    "a named subject in a new sentence is not the speaker of the quotation before it": (
        "\"Screening is free,\" said director Yulia Gordan. The Jamaica Cancer Society is a non-profit "
        "organisation with a mission to “eliminate cancer as a major health problem”, through education.",
        [("Screening is free,", "Yulia Gordan", "director", "explicit"),
         ("eliminate cancer as a major health problem", "Jamaica Cancer Society", None, "explicit")]),
    "a description with no holder named is no one, not the person in focus": (
        "Bud Schulman told Vanity Fair that the assistant suggested he read the novel. The actor "
        "repeatedly refused, throwing the book at her and saying: \"For the last time, I won't glorify the "
        "mafia.\"",
        [("For the last time, I won't glorify the mafia.", None, None, "none")]),
    "someone's letter makes the case": (
        "Jane Hoff wrote to the committee. Hoff’s letter makes a libertarian-style case: “Followers of "
        "radical ideas hate everything we stand for.”",
        [("Followers of radical ideas hate everything we stand for.", "Jane Hoff", None, "explicit")]),
    "someone's campaign speaks as the campaign": (
        "Paul Rian spoke. Rian’s campaign shrugged off the comments, telling reporters, “Neither Speaker "
        "Rian nor anyone on his team has ever asked for it.”",
        [("Neither Speaker Rian nor anyone on his team has ever asked for it.", "Rian campaign", None,
          "explicit")]),
    "a campaign manager is no campaign": (
        "Clinton’s campaign manager Robby Mook said as much, arguing that Trump “lashed out at our "
        "generals.”",
        [("lashed out at our generals.", "Robby Mook", "campaign manager", "explicit")]),
    "a 'READ MORE:' line between a sentence and the quotation it introduces": (
        "Cisco Talos said in a statement on Friday that the threats came from one group.\n\n"
        "READ MORE: Scam uses old passwords to extort money from victims\n\n“Talos discovered that this "
        "campaign is an evolution of earlier attacks.”",
        [("Talos discovered that this campaign is an evolution of earlier attacks.", "Cisco Talos", None,
          "continuation")]),
    "a title's office is no person's": (
        "The US Trade Representative’s office said earlier that the tariffs were \"justified on security "
        "grounds\".",
        [("justified on security grounds", None, None, "none")]),
    "a day opening a paper's name in a role": (
        "\"They despise each other,\" said Sunday Telegraph journalist Rob Peston. \"The rift is real,\" "
        "said Tom Hale on Sunday.",
        [("They despise each other,", "Rob Peston", "Sunday Telegraph journalist", "explicit"),
         ("The rift is real,", "Tom Hale", None, "explicit")]),
    "a number in an organisation's name": (
        "\"We are proud of our new shows,\" said BBC Radio 1. \"There were 4 songs,\" said Channel 4 at "
        "10.30.",
        [("We are proud of our new shows,", "BBC Radio 1", None, "explicit"),
         ("There were 4 songs,", "Channel 4", None, "explicit")]),
    "responding that": (
        "But Sen. Pat Tamey (R-Pa.) refused to campaign alongside him, responding that he’s “not going to "
        "go into what my campaign is doing.”",
        [("not going to go into what my campaign is doing.", "Pat Tamey", "Sen.", "explicit")]),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=list(CASES))
def test_patterns(text: str, expected: list[tuple]) -> None:
    assert _run(text) == expected


@pytest.mark.parametrize(
    "text, affiliation",
    [
        ("“The claims are baseless and absurd,” the Kremlin said.", "RUS"),
        ("“We remain united,” NATO Secretary-General Anna Berg said.", "NATO"),
        ("“Talks must go on,” British Foreign Secretary Tom Arden said.", "GBR"),
        ("“Talks must go on,” said Mary Lopez, the mayor of Springfield.", None),
        ("“Talks must go on,” said Nora Quill, Harbour Weekly's editorial director.", "Harbour Weekly"),
        ("“We stand united,” said Anna Berg, NATO's deputy secretary-general.", "NATO"),
        ("“It is a scandal,” said Tim Cole, spokesman of the ruling All Progressives Congress.", None),
        ("“It is a scandal,” said Former CIA deputy director Tim Cole.", "CIA"),
        ("“Troops will be sent,” Homeland Security Secretary Kay Nolan said.", "USA"),
        ("Anna Cole, of CNN, one of the four sons' mother, stated, “It was an extraordinary life.”", "CNN"),
        ("“The year shows our strategy works,” said Mike Rabb, an analyst with Bank Sal Oppenheim.",
         "Bank Sal Oppenheim"),
        ("“Li should be released,” said Fran Eve, a researcher for the charity Chinese Human Rights "
         "Defenders.", "Chinese Human Rights Defenders"),
        ("“Frogs may look similar,” said Dan Pallu, a Ph.D. candidate at the University of Florida.",
         "University of Florida"),
        ("“The talks must go on,” said Tom Arden, the British Minister of Defence.", "GBR"),
        ("“Aid must go on,” said Nigel Robbins, World Bank country director for the West Bank and Gaza.",
         "World Bank"),
    ],
)
def test_affiliation(text: str, affiliation: str | None) -> None:
    (q,) = extract_quotes(text, affiliation_of=_stub_affiliation)
    assert q.affiliation == affiliation


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mike German, leader of the party, spoke. Mr German said: “I know the councils are doing their "
         "utmost to help.”", "Mike German"),
        ("Oliver Irish, editor of Gadgets, spoke. “The player is likely to be this year’s top gift,” said "
         "Mr Irish.", "Oliver Irish"),
        ("“We will bring the bill in the spring as planned,” the Department for Transport said on Sunday.",
         "Department for Transport"),
        ("“We will not lower the rate again this year,” the Bank of England said.", "Bank of England"),
        ("“Our primary worry is the rosy view of the budget,” consultancy 4Cast said in a report.", None),
        ("We're calling it a “tax in disguise” at the meeting today.", None),
        ("Andre Voss was matched for power. “A lot more players can do it now,” said the American.",
         "Andre Voss"),
        ("Anna Groen was the stronger player. “It was my first final,” the German said.", "Anna Groen"),
        ("“We will not accept this provocation at all,” said the Kremlin.", "Kremlin"),
        ("China, Pyongyang's only ally, said it was \"resolutely opposed\" to the test.", "China"),
        ("Even China said it was \"resolutely opposed\" to the test.", "China"),
        ("South Korea accused the North's leader of \"fanatic recklessness.\"", "South Korea"),
        ("“It is a significant development,” Marty West said.", "Marty West"),
        ("Rally Ontario, the group that organised the march, said it heard “hundreds of complaints.”",
         "Rally Ontario"),
        ("Rally Ontario, the path along the lake, is “the finest walk in the whole county,” I say.", None),
        ("Environment Canada now says snowfall has “tapered off to light and intermittent.”",
         "Environment Canada"),
        ("Veteran Nigerian actress, Joke Silvo, has said the stories abound. \"The casting couch issue is "
         "alive in the industry,\" she said.", "Joke Silvo"),
        ("UN relief chief Jan Egelund said the toll would rise. \"Many people will have lost everything,\" "
         "he said.", "Jan Egelund"),
    ],
    ids=["surname that is a demonym", "surname that is a demonym, Mr", "organisation named on after for",
         "organisation named on after of", "no name inside a word", "a contracted pronoun is no one",
         "said the American: a person", "the German said: a person", "said the Kremlin: the state",
         "a state set off by an appositive", "a state after a sentence adverb", "a state's whole name",
         "a compass word as a surname",
         "an organisation its appositive calls one", "an appositive naming no organisation",
         "a federal agency named after its country", "a people's name after a title is no person",
         "Jan is a given name too"],
)
def test_names_with_the_gazetteer(text: str, expected: str | None) -> None:
    gazetteer = load_gazetteer()
    quotes = extract_quotes(text, affiliation_of=partial(country_of, gazetteer=gazetteer),
                            demonym_of=partial(demonym_of, gazetteer=gazetteer))
    assert [q.speaker for q in quotes] == [expected]


def test_a_people_s_name_gives_the_person_s_country() -> None:
    gazetteer = load_gazetteer()
    text = "Andre Voss was matched for power. “A lot more players can do it now,” said the American."
    [quote] = extract_quotes(text, affiliation_of=partial(country_of, gazetteer=gazetteer),
                             demonym_of=partial(demonym_of, gazetteer=gazetteer))
    assert (quote.speaker, quote.affiliation) == ("Andre Voss", "USA")


def test_cue_lemma() -> None:
    quotes = extract_quotes("“We lost the vote by a whisker,” Mary Lopez told reporters.")
    assert [(q.cue, q.speaker) for q in quotes] == [("tell", "Mary Lopez")]
    assert load_cues().lemma["according to"] == "according to"


def test_speaker_offsets_point_at_the_name_as_written() -> None:
    text = "“We will rebuild the bridge,” Mary Lopez said."
    (q,) = extract_quotes(text)
    assert text[q.speaker_start:q.speaker_end] == "Mary Lopez"


def test_quote_spans_keep_every_pair() -> None:
    text = "He read “War and Peace” and said “it was long.”"
    assert [text[s:e] for s, e in quote_spans(text)] == ["War and Peace", "it was long."]


def test_person_mentions() -> None:
    text = "White House spokesman John Kirby spoke.\n\n“The drones are arriving,” Kirby said. Kirby left."
    mentions = person_mentions(text, extract_quotes(text))
    assert [(m.key, m.surface) for m in mentions] == [("John Kirby", "John Kirby"), ("John Kirby", "Kirby"),
                                                      ("John Kirby", "Kirby")]
    assert all(text[m.start:m.end] == m.surface and m.kind == "person" for m in mentions)


def test_person_mentions_leave_a_surname_two_quoted_people_share() -> None:
    text = ("Dora Vale and her husband Mark Vale run the bakery.\n\n“We bake at dawn,” Dora Vale said. "
            "“I sleep in,” Mark Vale said. Vale laughed.")
    mentions = person_mentions(text, extract_quotes(text))
    assert [(m.key, m.surface) for m in mentions] == [("Dora Vale", "Dora Vale"), ("Mark Vale", "Mark Vale"),
                                                      ("Dora Vale", "Dora Vale"), ("Mark Vale", "Mark Vale")]


def test_empty_text() -> None:
    assert extract_quotes("") == []
    assert extract_quotes("No quotation marks here at all.") == []


def _seed_quotes() -> tuple[list[Quote], dict]:
    require_shared(SEED)
    from workbench.readers import read_file

    gold = json.loads((GOLD_DEV / "seed-000.json").read_text(encoding="utf-8"))
    text = read_file(SEED).records[0]["text"]
    quotes = extract_quotes(text, affiliation_of=partial(country_of, gazetteer=load_gazetteer()))
    _check_offsets(text, quotes)
    return quotes, gold


def _norm(s: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in s.lower()).split())


def test_seed_quotes_and_speakers() -> None:
    quotes, gold = _seed_quotes()
    for g in gold["quotes"]:
        found = [q for q in quotes if _norm(g["text"]) in _norm(q.text)]
        assert found, f"gold quote not found: {g['text'][:50]}"
        assert found[0].speaker == g["speaker"], g["text"][:50]


def test_seed_roles_and_affiliations() -> None:
    quotes, gold = _seed_quotes()
    for name, info in gold["speakers"].items():
        roles = {q.role for q in quotes if q.speaker == name}
        assert info["role"] in roles, (name, roles)
        if info["affiliation"] != "RUS":  # Putin's country is world knowledge: the seed's text never says it
            assert info["affiliation"] in {q.affiliation for q in quotes if q.speaker == name}
