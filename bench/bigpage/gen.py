"""Writes a synthetic news page of about N megabytes: a site header and navigation, then
one long article of varied paragraphs (names, organisations, places, quotes, figures,
dates, relative dates), lists and links, a related block and a footer. Every paragraph
differs (the cleaner keeps repeated paragraphs once), so the whole body survives
cleaning and every analysis layer has work to do. Deterministic for a given seed.

Usage: gen.py OUT.html MEGABYTES [SEED]
"""

import random
import sys

FIRST = ["Ann", "Bo", "Carlos", "Dana", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas",
         "Kemal", "Lena", "Marta", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomas"]
LAST = ["Lee", "Chan", "Mendes", "Cole", "Yilmaz", "Okafor", "Berg", "Tanaka", "Duarte",
        "Weber", "Aydin", "Fischer", "Novak", "Haddad", "Farouk", "Natarajan", "Reyes",
        "Ortiz", "Virtanen", "Kral"]
ORGS = ["the Harbour Authority", "Northline Rail", "the City Council", "Brightline Systems",
        "the Taxpayers Alliance", "Eastham Ports", "the Health Board", "Valley Water",
        "the Teachers Union", "Coastal Energy"]
PLACES = ["Eastham", "Redwood Creek", "Port Ellis", "Marlow", "Kingsbridge", "Alder Bay",
          "Stonehaven", "Westfield", "Hollin", "Carrow"]
ROLES = ["the mayor", "a spokesperson", "the chief executive", "the finance director",
         "an engineer", "the union leader", "a local resident", "the minister"]
VERBS = ["said", "told reporters", "added", "warned", "claimed", "denied", "announced"]
TIMES = ["on Monday", "on Tuesday", "last week", "yesterday", "in March", "next month",
         "on 12 June 2024", "two days later", "earlier this year", "by 2030"]
TOPICS = ["the budget", "the new rail line", "flood defences", "the strike", "waiting times",
          "the water supply", "school funding", "the harbour wall", "energy prices",
          "the housing plan"]


def name(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def sentence(r, i):
    kind = r.randrange(6)
    n = r.randint(2, 9000)
    if kind == 0:
        return (f"\u201c{r.choice(TOPICS).capitalize()} will cost about \u00a3{n} million "
                f"and we have no choice,\u201d {name(r)}, {r.choice(ROLES)} of "
                f"{r.choice(ORGS)}, {r.choice(VERBS)} {r.choice(TIMES)}.")
    if kind == 1:
        return (f"{name(r)} {r.choice(VERBS)} that {r.choice(ORGS)} had spent {n} days on "
                f"{r.choice(TOPICS)} in {r.choice(PLACES)} {r.choice(TIMES)}.")
    if kind == 2:
        return (f"At least {n} people were evacuated from {r.choice(PLACES)} "
                f"{r.choice(TIMES)}, according to {r.choice(ORGS)}.")
    if kind == 3:
        return (f"{r.choice(ORGS).capitalize()} denied claims that {name(r)} had misled "
                f"the inquiry into {r.choice(TOPICS)} (case {i}).")
    if kind == 4:
        return (f"The figures for {r.choice(PLACES)} rose by {r.randint(1, 99)}% to {n} "
                f"{r.choice(TIMES)}, the report shows.")
    return (f"{name(r)}, who lives in {r.choice(PLACES)}, said the decision on "
            f"{r.choice(TOPICS)} was \u201cwildly optimistic\u201d (note {i}).")


def main():
    out, megabytes = sys.argv[1], float(sys.argv[2])
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 15)
    target = int(megabytes * 1024 * 1024)
    parts = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>The long report | Bench Gazette</title>"
             "<meta property=\"article:published_time\" content=\"2024-06-03T10:00:00Z\">"
             "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> "
             "<a href=\"/sport\">Sport</a></nav><article><h1>The long report</h1>"
             "<p class=\"byline\">By Ann Lee</p>"]
    size = sum(len(p) for p in parts)
    i = 0
    while size < target:
        i += 1
        if i % 40 == 0:
            block = f"<h2>Part {i // 40}: {r.choice(TOPICS)} in {r.choice(PLACES)}</h2>"
        elif i % 25 == 0:
            block = "<ul>" + "".join(
                f"<li><a href=\"/s/{i}-{k}\">{sentence(r, i)}</a></li>" for k in range(3)) + "</ul>"
        else:
            block = "<p>" + " ".join(sentence(r, i) for _ in range(r.randint(2, 5))) + "</p>\n"
        parts.append(block)
        size += len(block.encode())
    parts.append("</article><aside><h3>Related</h3><ul><li><a href=\"/a\">Earlier story</a></li>"
                 "</ul></aside><footer>\u00a9 2024 Bench Gazette. All rights reserved.</footer>"
                 "</body></html>")
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
