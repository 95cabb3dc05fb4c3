#!/usr/bin/env python3
"""Which document layouts hide interview questions from hirelint?

Takes the labelled questions of the dev question bank (barriers and fair ones), embeds them in
document layouts an interviewer guide, scorecard or candidate page uses (Markdown, HTML, plain
text), one file per document in a temporary folder, runs `hirelint check --format json` on them
and reports per layout:

  * barrier recall: barrier questions touched by an `interview` or `unlawful` finding that
    overlaps the question's bytes in the source;
  * fair flagged: the share of fair questions so touched;

each against the baseline layout (one question per file, `## Interview questions` bullet, kind
declared `interview`: what `hirelint eval --questions` scores) on the same questions.

For every layout more than --threshold below the baseline, it runs `hirelint inspect` on a few
documents with questions the baseline flags and the layout misses, and says what happened to
each: the document kind was guessed as something else, the question was not found, it was
merged with other text, cut, or found without a barrier kind.

Standard library only. Usage:

  python3 experiments/layouts/layouts.py [--bank dev.toml] [--bin hirelint] [--keep DIR]
      [--rules DIR] [--chunk 8] [--only LAYOUT,...] [--examples 12]
"""

import argparse
import collections
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
import tomllib

BIN = str(Path(__file__).resolve().parents[2] / "target" / "release" / "hirelint")
BANK = "/work/shared/corpus/questions/dev.toml"

ROLES = [
    "Customer Service Adviser", "Staff Nurse", "Junior Developer", "Warehouse Operative",
    "Teaching Assistant", "Bank Clerk", "Retail Supervisor", "Care Assistant",
]
NOTES = [
    "Look for a specific example and what the candidate did themselves.",
    "Good answers name the steps taken and the result.",
    "Give the candidate time to answer and repeat the question if asked.",
    "Note the facts of the answer, not the delivery.",
]
GUIDE_INTRO = ("Use these questions for the first interview. Ask every candidate the same "
               "questions in the same order and score each answer from 1 to 4.")
OTHER_HEADINGS = ["Round 2", "Behavioural", "Competencies", "Part B", "Stage two", "Values"]


class Question:
    def __init__(self, i, text, barrier, kinds):
        self.id = i
        self.text = " ".join(text.split())
        self.barrier = barrier
        self.kinds = kinds


class Doc:
    """A document being written: its text and the byte span of every question in it."""

    def __init__(self):
        self.parts = []
        self.length = 0
        self.spans = []  # (question id, start byte, end byte)

    def add(self, s):
        self.parts.append(s)
        self.length += len(s.encode("utf-8"))
        return self

    def q(self, q, s):
        start = self.length
        self.add(s)
        self.spans.append((q.id, start, self.length))
        return self

    def text(self):
        return "".join(self.parts)


# ---- question text transforms -------------------------------------------------------------

def md_safe(s):
    # Only what would change the structure of a line of Markdown; inline marks are left as the
    # bank has them (they are prose to hirelint as well).
    return s.replace("|", "\\|")


def h(s):
    return html.escape(s, quote=False)


def end_punct(s):
    return "" if s[-1:] in ".?!\"'\u201d)" else "."


def no_qmark(s):
    """The question without its final question mark (a list of prompts)."""
    return s[:-1].rstrip() if s.endswith("?") else s


PRON = [(r"\byourself\b", "themselves"), (r"\byou're\b", "they're"), (r"\byou've\b", "they've"),
        (r"\byou'd\b", "they'd"), (r"\byou'll\b", "they'll"), (r"\byours\b", "theirs"),
        (r"\byour\b", "their"), (r"\byou\b", "they"), (r"\bme\b", "us"), (r"\bmy\b", "our")]


def third_person(s):
    for a, b in PRON:
        s = re.sub(a, b, s, flags=re.I)
    return s


def indirect(s):
    """"Where do you see yourself in five years?" -> "where they see themselves in five years"
    (reported speech, as a candidate page or an interviewer's notes write it); None when the
    question has no simple form to convert."""
    s = s.strip()
    if s.count("?") > 1 or "\"" in s:
        return None
    body = s[:-1].rstrip() if s[-1:] in "?." else s
    m = re.match(r"(?i)^(what|where|how|why|when|which|who)\s+(do|does|would|could|will|can|"
                 r"are|were|have|should)\s+you\s+(.+)$", body)
    if m:
        wh, aux, rest = m.groups()
        aux = aux.lower()
        aux = "" if aux in ("do", "does") else aux + " "
        return f"{wh.lower()} they {aux}{third_person(rest)}"
    m = re.match(r"(?i)^(do|would|could|can|will|are|have)\s+you\s+(.+)$", body)
    if m:
        aux, rest = m.groups()
        aux = aux.lower()
        aux = "" if aux == "do" else aux + " "
        return f"whether they {aux}{third_person(rest)}"
    m = re.match(r"(?i)^(tell (?:me|us)|describe|explain|talk (?:me|us) through|give (?:me|us)|"
                 r"walk (?:me|us) through|share)\s+(.+)$", body)
    if m:
        verb, rest = m.groups()
        verb = re.sub(r"(?i)\bme\b", "us", verb.lower())
        return f"to {verb} {third_person(rest)}"
    return None


# ---- frames --------------------------------------------------------------------------------

def role(n):
    return ROLES[n % len(ROLES)]


def note(i):
    return NOTES[i % len(NOTES)]


def md_guide_head(d, n, title=None):
    d.add(f"# {title or 'Interview guide: ' + role(n)}\n\n{GUIDE_INTRO}\n\n")


def html_open(d, n, title=None):
    t = title or f"Interview guide: {role(n)}"
    d.add("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          f"<title>{h(t)}</title>\n</head>\n<body>\n<nav><a href=\"/\">Home</a> "
          "<a href=\"/careers\">Careers</a></nav>\n<main>\n"
          f"<h1>{h(t)}</h1>\n<p>{h(GUIDE_INTRO)}</p>\n")


def html_close(d):
    d.add("</main>\n<footer><p>People team</p></footer>\n</body>\n</html>\n")


# ---- layouts -------------------------------------------------------------------------------
# Each takes (questions of one document, document number) and returns a Doc. A layout may
# rewrite the question (no "?", reported speech); questions it cannot write are left out.

def baseline(qs, n):
    # Exactly the document `hirelint eval --questions` checks, kind declared as it forces it.
    d = Doc().add("---\nkind: interview\n---\n## Interview questions\n\n- ")
    return d.q(qs[0], qs[0].text).add("\n")


def md_list(marker, heading="Interview questions", transform=None, head=md_guide_head):
    def build(qs, n):
        d = Doc()
        head(d, n)
        hd = heading(n) if callable(heading) else heading
        d.add(f"## {hd}\n\n")
        for i, q in enumerate(qs, 1):
            t = transform(q.text) if transform else q.text
            d.add(marker(i)).q(q, md_safe(t)).add("\n")
        return d
    return build


def md_untitled_head(d, n):
    d.add(f"# {role(n)}\n\nPanel: two people. The interview lasts 45 minutes.\n\n")


def md_q_label(label):
    def build(qs, n):
        d = Doc()
        md_guide_head(d, n)
        d.add("## Interview questions\n\n")
        for i, q in enumerate(qs, 1):
            d.add(label(i)).q(q, q.text).add("\n\n")
        return d
    return build


def md_bold_notes(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## Interview questions\n\n")
    for i, q in enumerate(qs):
        d.add("**").q(q, q.text).add(f"**\n\n{note(i)}\n\n")
    return d


def md_h3(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## Interview questions\n\n")
    for i, q in enumerate(qs, 1):
        d.add(f"### {i}. ").q(q, q.text).add(f"\n\n{note(i)}\n\n")
    return d


def md_table(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## Interview questions\n\n| # | Question | What to look for |\n| --- | --- | --- |\n")
    for i, q in enumerate(qs, 1):
        d.add(f"| {i} | ").q(q, md_safe(q.text)).add(f" | {note(i)} |\n")
    return d


def md_scorecard(qs, n):
    d = Doc().add(f"# Interview scorecard: {role(n)}\n\nCandidate name: ______\n\n"
                  "| Question | 1 | 2 | 3 | 4 | Notes |\n| --- | --- | --- | --- | --- | --- |\n")
    for q in qs:
        d.add("| ").q(q, md_safe(q.text)).add(" |  |  |  |  |  |\n")
    return d


PROSE_LEAD = ["After the introductions, the chair asks the next question.",
              "The second panel member takes over here.",
              "We then move on to the next topic.",
              "Keep to the time for this part."]
PROSE_FOLLOW = ["Allow the candidate time to answer.",
                "Write down the main points of the answer.",
                "Repeat the question if the candidate asks.",
                "Then go on to the next section."]


def md_prose_direct(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## How the interview runs\n\n")
    for i, q in enumerate(qs):
        d.add(PROSE_LEAD[i % 4] + " ").q(q, q.text).add(end_punct(q.text) + " "
                                                        + PROSE_FOLLOW[i % 4] + "\n\n")
    return d


def md_prose_quoted(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## How the interview runs\n\n")
    for i, q in enumerate(qs):
        d.add("The chair then asks \u201c").q(q, q.text).add(
            "\u201d and writes down the main points of the answer.\n\n")
    return d


def md_prose_indirect(qs, n):
    d = Doc()
    d.add(f"# Your interview for the {role(n)} job\n\nThe interview lasts 45 minutes with two "
          "people from the team.\n\n## What we ask\n\n")
    for q in qs:
        d.add("We usually ask candidates ").q(q, indirect(q.text)).add(".\n\n")
    return d


def md_front_matter(kind):
    def build(qs, n):
        d = Doc().add(f"---\ntitle: \"{role(n)}\"\nkind: {kind}\nlayout: page\n---\n")
        d.add(f"# {role(n)}\n\n{GUIDE_INTRO}\n\n## Interview questions\n\n")
        for q in qs:
            d.add("- ").q(q, md_safe(q.text)).add("\n")
        return d
    return build


def md_candidate_page(qs, n):
    d = Doc().add(f"# Your interview for the {role(n)} job\n\nThank you for applying. "
                  "This page explains what to expect on the day.\n\n## The interview\n\n"
                  "You will meet two people from the team. We will ask you questions such "
                  "as:\n\n")
    for q in qs:
        d.add("- ").q(q, md_safe(q.text)).add("\n")
    d.add("\nYou can ask for the questions in writing. Tell us about any adjustments you "
          "need.\n")
    return d


def md_plain_lines(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## Interview questions\n\n")
    for q in qs:
        d.q(q, q.text).add("\n")
    return d


def md_blockquote(qs, n):
    d = Doc()
    md_guide_head(d, n)
    d.add("## Interview questions\n\n")
    for i, q in enumerate(qs):
        d.add("> ").q(q, q.text).add(f"\n\n{note(i)}\n\n")
    return d


def txt_numbered(qs, n):
    d = Doc().add(f"INTERVIEW QUESTIONS - {role(n).upper()}\n\n{GUIDE_INTRO}\n\n")
    for i, q in enumerate(qs, 1):
        d.add(f"{i}. ").q(q, q.text).add("\n")
    return d


def html_list(tag, heading="Interview questions", transform=None):
    def build(qs, n):
        d = Doc()
        html_open(d, n)
        hd = heading(n) if callable(heading) else heading
        d.add(f"<h2>{h(hd)}</h2>\n<{tag}>\n")
        for q in qs:
            t = transform(q.text) if transform else q.text
            d.add("  <li>").q(q, h(t)).add("</li>\n")
        d.add(f"</{tag}>\n")
        html_close(d)
        return d
    return build


def html_table(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n<table>\n<thead><tr><th>#</th><th>Question</th>"
          "<th>What to look for</th></tr></thead>\n<tbody>\n")
    for i, q in enumerate(qs, 1):
        d.add(f"<tr><td>{i}</td><td>").q(q, h(q.text)).add(f"</td><td>{h(note(i))}</td></tr>\n")
    d.add("</tbody>\n</table>\n")
    html_close(d)
    return d


def html_p_strong(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n")
    for i, q in enumerate(qs):
        d.add("<p><strong>").q(q, h(q.text)).add(f"</strong></p>\n<p>{h(note(i))}</p>\n")
    html_close(d)
    return d


def html_h3(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n")
    for i, q in enumerate(qs):
        d.add("<h3>").q(q, h(q.text)).add(f"</h3>\n<p>{h(note(i))}</p>\n")
    html_close(d)
    return d


def html_label(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n")
    for i, q in enumerate(qs, 1):
        d.add(f"<p><strong>Question {i}:</strong> ").q(q, h(q.text)).add("</p>\n")
    html_close(d)
    return d


def html_br(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n<p>")
    for i, q in enumerate(qs, 1):
        d.add(f"{i}. ").q(q, h(q.text)).add("<br>\n")
    d.add("</p>\n")
    html_close(d)
    return d


def html_dl(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n<dl>\n")
    for i, q in enumerate(qs):
        d.add("<dt>").q(q, h(q.text)).add(f"</dt>\n<dd>{h(note(i))}</dd>\n")
    d.add("</dl>\n")
    html_close(d)
    return d


def html_details(qs, n):
    d = Doc()
    html_open(d, n, f"Your interview for the {role(n)} job")
    d.add("<h2>Questions we may ask</h2>\n")
    for i, q in enumerate(qs):
        d.add("<details><summary>").q(q, h(q.text)).add(
            f"</summary><p>{h(note(i))}</p></details>\n")
    html_close(d)
    return d


def html_div(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>Interview questions</h2>\n<div class=\"questions\">\n")
    for i, q in enumerate(qs):
        d.add("<div class=\"question\"><span class=\"q\">").q(q, h(q.text)).add(
            f"</span> <span class=\"hint\">{h(note(i))}</span></div>\n")
    d.add("</div>\n")
    html_close(d)
    return d


def html_prose(qs, n):
    d = Doc()
    html_open(d, n)
    d.add("<h2>How the interview runs</h2>\n")
    for i, q in enumerate(qs):
        d.add(f"<p>{h(PROSE_LEAD[i % 4])} ").q(q, h(q.text)).add(
            f"{end_punct(q.text)} {h(PROSE_FOLLOW[i % 4])}</p>\n")
    html_close(d)
    return d


def other_heading(n):
    return OTHER_HEADINGS[n % len(OTHER_HEADINGS)]


# name -> (file extension, builder, transform the layout needs or None, what it is)
LAYOUTS = {
    "baseline": ("md", baseline, None,
                 "one question per file, '## Interview questions' + '- ', kind: interview"),
    "md-bullets": ("md", md_list(lambda i: "- "), None,
                   "guide: title, intro, '## Interview questions', '- q'"),
    "md-bullets-untitled": ("md", md_list(lambda i: "- ", head=md_untitled_head), None,
                            "'# Role' (no 'interview' title), '## Interview questions', '- q'"),
    "md-numbered-dot": ("md", md_list(lambda i: f"{i}. "), None, "'1. q'"),
    "md-numbered-paren": ("md", md_list(lambda i: f"{i}) "), None, "'1) q'"),
    "md-q-label": ("md", md_q_label(lambda i: f"Q{i}: "), None, "paragraphs 'Q1: q'"),
    "md-question-dash": ("md", md_q_label(lambda i: f"Question {i} - "), None,
                         "paragraphs 'Question 1 - q'"),
    "md-bold-label": ("md", md_q_label(lambda i: f"**Question {i}:** "), None,
                      "paragraphs '**Question 1:** q'"),
    "md-bold-notes": ("md", md_bold_notes, None, "'**q**' then a paragraph of notes"),
    "md-h3": ("md", md_h3, None, "'### 1. q' then notes"),
    "md-table": ("md", md_table, None, "GFM table: # | Question | What to look for"),
    "md-scorecard": ("md", md_scorecard, None,
                     "'# Interview scorecard', table Question | 1..4 | Notes"),
    "md-no-qmark": ("md", md_list(lambda i: "- ", transform=no_qmark), no_qmark,
                    "'- q' without the final '?'"),
    "md-prose-direct": ("md", md_prose_direct, None,
                        "'## How the interview runs': prose sentence, q, prose sentence"),
    "md-prose-quoted": ("md", md_prose_quoted, None, "The chair then asks \u201cq\u201d and ..."),
    "md-prose-indirect": ("md", md_prose_indirect, indirect,
                          "candidate page: 'We usually ask candidates where they ...'"),
    "md-heading-other": ("md", md_list(lambda i: "- ", heading=other_heading), None,
                         "guide, list under 'Round 2' / 'Behavioural' / 'Competencies' ..."),
    "md-heading-other-untitled": ("md", md_list(lambda i: "- ", heading=other_heading,
                                                head=md_untitled_head), None,
                                  "'# Role', list under 'Round 2' / 'Competencies' ..."),
    "md-fm-kind-page": ("md", md_front_matter("page"), None,
                        "front matter 'kind: page', '# Role', questions list"),
    "md-fm-kind-job": ("md", md_front_matter("job"), None,
                       "front matter 'kind: job' (a jobs collection), questions list"),
    "md-candidate-page": ("md", md_candidate_page, None,
                          "candidate page: 'We will ask you questions such as:' + list"),
    "md-plain-lines": ("md", md_plain_lines, None,
                       "one question per line, no markers, no blank lines"),
    "md-blockquote": ("md", md_blockquote, None, "'> q' then notes"),
    "txt-numbered": ("txt", txt_numbered, None, "plain text 'INTERVIEW QUESTIONS', '1. q'"),
    "html-ul": ("html", html_list("ul"), None, "<h2>Interview questions</h2><ul><li>"),
    "html-ol": ("html", html_list("ol"), None, "<ol><li>"),
    "html-table": ("html", html_table, None, "<table>: # | Question | What to look for"),
    "html-p-strong": ("html", html_p_strong, None, "<p><strong>q</strong></p><p>notes</p>"),
    "html-h3": ("html", html_h3, None, "<h3>q</h3><p>notes</p>"),
    "html-label": ("html", html_label, None, "<p><strong>Question 1:</strong> q</p>"),
    "html-br": ("html", html_br, None, "<p>1. q<br>2. q<br>...</p>"),
    "html-dl": ("html", html_dl, None, "<dl><dt>q</dt><dd>notes</dd>"),
    "html-details": ("html", html_details, None,
                     "candidate page: <details><summary>q</summary>"),
    "html-div": ("html", html_div, None, "<div class=question><span>q</span> <span>hint"),
    "html-prose": ("html", html_prose, None, "<p>prose. q prose.</p>"),
    "html-heading-other": ("html", html_list("ul", heading=other_heading), None,
                           "<h2>Round 2 / Competencies ...</h2><ul><li>"),
    "html-no-qmark": ("html", html_list("ul", transform=no_qmark), no_qmark,
                      "<ul><li> without the final '?'"),
}


# ---- running hirelint ----------------------------------------------------------------------

def load_bank(path):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    return [Question(i, q["text"], q["barrier"], q.get("kinds", []))
            for i, q in enumerate(data["question"])]


def write_layouts(root, questions, names, chunk):
    """Writes every layout's documents; returns {path: (layout, Doc, questions)}."""
    docs = {}
    for name in names:
        ext, build, transform, _ = LAYOUTS[name]
        folder = os.path.join(root, name)
        os.makedirs(folder)
        usable = [q for q in questions if transform is None or transform(q.text)]
        size = 1 if name == "baseline" else chunk
        for n in range(0, len(usable), size):
            qs = usable[n:n + size]
            d = build(qs, n // size)
            path = os.path.join(folder, f"doc{n // size:03d}.{ext}")
            with open(path, "w", encoding="utf-8") as f:
                f.write(d.text())
            docs[path] = (name, d, qs)
    return docs


def run_check(args, root):
    cmd = [args.bin, "check", root, "--no-config", "--format", "json", "--fail-on", "never",
           "--no-progress"]
    if args.rules:
        cmd += ["--rules", args.rules, "--no-bundled"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"hirelint check failed ({p.returncode}): {p.stderr[:2000]}")
    out = json.loads(p.stdout)
    if out["summary"].get("errors"):
        print("hirelint errors:", out["summary"]["errors"][:5], file=sys.stderr)
    return out["findings"]


def flagged_questions(docs, findings):
    """{(layout, question id): [rules]} for questions an interview/unlawful finding overlaps."""
    by_path = collections.defaultdict(list)
    for f in findings:
        if f["family"] in ("interview", "unlawful"):
            by_path[os.path.abspath(f["path"])].append(f)
    hit = collections.defaultdict(list)
    for path, (name, d, _) in docs.items():
        for f in by_path.get(os.path.abspath(path), []):
            for qid, s, e in d.spans:
                if f["byte_start"] < e and s < f["byte_end"]:
                    hit[(name, qid)].append(f["rule"])
    return hit


def score(name, questions_in, hit):
    b = [q for q in questions_in if q.barrier]
    fair = [q for q in questions_in if not q.barrier]
    rb = sum(1 for q in b if (name, q.id) in hit)
    ff = sum(1 for q in fair if (name, q.id) in hit)
    return rb, len(b), ff, len(fair)


# ---- diagnosis -----------------------------------------------------------------------------

INSPECT_KIND = re.compile(r"^.*: kind (\S+) \((\w+)\)")
INSPECT_Q = re.compile(r"^\s*(\d+):(\d+)\s+(.*)$")


def inspect(args, path):
    cmd = [args.bin, "inspect", path]
    p = subprocess.run(cmd, capture_output=True, text=True)
    lines = p.stdout.splitlines()
    kind = "?"
    units = []  # [line, col, text, [kinds]]
    in_q = False
    for ln in lines:
        m = INSPECT_KIND.match(ln)
        if m and kind == "?":
            kind = f"{m.group(1)} ({m.group(2)})"
        if ln.startswith("questions ("):
            in_q = True
            continue
        if not in_q:
            continue
        m = INSPECT_Q.match(ln)
        if m and not ln.startswith("           "):
            units.append([int(m.group(1)), int(m.group(2)), m.group(3), []])
        elif units and ln.strip():
            k = ln.strip().split(":", 1)[0]
            if k != "fair":
                units[-1][3].append(k)
    return kind, units


def byte_of(text, line, col):
    """Byte offset of a 1-based line and character column."""
    lines = text.split("\n")
    off = sum(len(l.encode("utf-8")) + 1 for l in lines[:line - 1])
    return off + len(lines[line - 1][:col - 1].encode("utf-8"))


def norm(s):
    return re.sub(r"[^a-z0-9]+", " ", html.unescape(s).lower()).strip()


def diagnose(args, name, docs, hit, baseline_hit):
    """Why the questions the baseline flags are missed in this layout."""
    lost_by_doc = []
    for path, (lname, d, qs) in sorted(docs.items()):
        if lname != name:
            continue
        lost = [q for q in qs if q.barrier and baseline_hit(q) and (name, q.id) not in hit]
        if lost:
            lost_by_doc.append((len(lost), path, lost))
    lost_by_doc.sort(key=lambda x: -x[0])
    causes = collections.Counter()
    examples = {}
    kinds = collections.Counter()
    for _, path, lost in lost_by_doc[:args.examples]:
        d = docs[path][1]
        text = d.text()
        raw = text.encode("utf-8")
        kind, units = inspect(args, path)
        kinds[kind] += 1
        spans = {qid: (s, e) for qid, s, e in d.spans}
        for q in lost:
            s, e = spans[q.id]
            line_start = raw.rfind(b"\n", 0, s) + 1
            qtext = norm(raw[s:e].decode("utf-8"))
            # The units that start in the question, or earlier on its line (a label).
            mine = [(ut, uk) for ul, uc, ut, uk in units
                    if line_start <= byte_of(text, ul, uc) < e]
            head, tail = qtext[:20], qtext[-15:]
            if not mine:
                cause = ("not found: ends in '?'" if q.text.rstrip().endswith("?")
                         else "not found: no '?' (a prompt, statement or noun phrase)")
            elif any(uk for _, uk in mine):
                cause = "found with kinds, but no finding"
            else:
                whole = [norm(ut) for ut, _ in mine
                         if len(ut) >= 100 or (head in norm(ut) and tail in norm(ut))]
                if not whole:
                    cause = "cut: only part of it (a sentence) is a unit, without the cue"
                elif not whole[0].startswith(head):
                    cause = "found whole with text before it (a label/number), no kind"
                elif len(whole[0]) > len(qtext) + 3:
                    cause = "found merged with the text after it, no kind"
                else:
                    cause = "found whole, no kind"
            if not kind.startswith(("interview", "process")):
                cause += f"; doc kind {kind}"
            causes[cause] += 1
            examples.setdefault(cause, (path, q.text))
    return causes, kinds, examples, len(lost_by_doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bank", default=BANK)
    ap.add_argument("--bin", default=BIN)
    ap.add_argument("--rules", help="rule folder (with --no-bundled); default: bundled rules")
    ap.add_argument("--chunk", type=int, default=8, help="questions per document")
    ap.add_argument("--only", help="comma-separated layouts (baseline is always run)")
    ap.add_argument("--keep", help="write the documents here (must not exist) and keep them")
    ap.add_argument("--threshold", type=float, default=0.05)
    ap.add_argument("--examples", type=int, default=60,
                    help="documents inspected per failing layout")
    args = ap.parse_args()

    questions = load_bank(args.bank)
    names = list(LAYOUTS)
    if args.only:
        names = ["baseline"] + [n for n in args.only.split(",") if n != "baseline"]
        for n in names:
            if n not in LAYOUTS:
                sys.exit(f"unknown layout {n}; known: {', '.join(LAYOUTS)}")
    root = args.keep or tempfile.mkdtemp(prefix="hirelint-layouts-")
    if args.keep:
        os.makedirs(root)
    try:
        docs = write_layouts(root, questions, names, args.chunk)
        findings = run_check(args, root)
        hit = flagged_questions(docs, findings)
        in_layout = collections.defaultdict(list)
        for _, (name, _, qs) in docs.items():
            in_layout[name].extend(qs)

        def base_hit(q):
            return ("baseline", q.id) in hit

        print(f"{len(questions)} questions ({sum(q.barrier for q in questions)} barriers), "
              f"{args.chunk} per document; rules: {args.rules or 'bundled'}\n")
        print(f"{'layout':<26} {'files':>5} {'barrier recall':>18} {'baseline':>8} {'diff':>6}"
              f" {'fair flagged':>16} {'baseline':>8}")
        failing = []
        for name in names:
            qs = in_layout[name]
            rb, nb, ff, nf = score(name, qs, hit)
            bb, _, bf, _ = score("baseline", qs, hit)
            rec, brec = rb / max(nb, 1), bb / max(nb, 1)
            fr, bfr = ff / max(nf, 1), bf / max(nf, 1)
            files = sum(1 for v in docs.values() if v[0] == name)
            print(f"{name:<26} {files:>5} {rec:>6.2f} ({rb:>3}/{nb:>3}) {brec:>8.2f} "
                  f"{rec - brec:>+6.2f} {fr:>6.3f} ({ff:>3}/{nf:>3}) {bfr:>8.3f}")
            if brec - rec > args.threshold:
                failing.append(name)
        print("\nlayouts:")
        for name in names:
            print(f"  {name:<26} {LAYOUTS[name][3]}")
        for name in failing:
            causes, kinds, examples, ndocs = diagnose(args, name, docs, hit, base_hit)
            print(f"\n== {name}: {ndocs} documents lose barriers the baseline flags; "
                  f"inspected {min(ndocs, args.examples)}: kinds {dict(kinds)}")
            for cause, c in causes.most_common():
                path, qt = examples[cause]
                print(f"  {c:>3}  {cause}\n        e.g. {os.path.relpath(path, root)}: {qt[:90]}")
        # Fair questions flagged here but not in the baseline, by rule.
        for name in names:
            extra = [q for q in in_layout[name] if not q.barrier and (name, q.id) in hit
                     and not base_hit(q)]
            if len(extra) >= 3:
                rules = collections.Counter(r for q in extra for r in set(hit[(name, q.id)]))
                print(f"\n== {name}: {len(extra)} fair questions flagged that the baseline "
                      f"leaves alone, by {dict(rules.most_common(4))}")
                for q in extra[:3]:
                    print(f"        e.g. {q.text[:90]}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
