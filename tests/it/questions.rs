//! Question analysis end to end: `hirelint eval --questions` on a small bank written for the
//! tests, and `hirelint inspect` listing the questions of a document with their kinds.

use crate::common::*;

use std::process::Output;

/// Runs `hirelint ARGS FILE` on `text` saved as `name` in a temporary folder.
fn run_on(args: &[&str], name: &str, text: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    bin().args(args).arg(&file).output().unwrap()
}

#[test]
fn eval_questions_scores_a_bank_and_names_the_kinds() {
    let out = bin()
        .args(["eval", "--questions"])
        .arg(data("questions/bank.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    // Every barrier of the bank is flagged and neither fair question is.
    assert!(
        text.contains("barriers: recall 1.00  precision 1.00  F1 1.00  (4 of 4 barriers flagged, 0 of 2 fair questions flagged)"),
        "{text}"
    );
    assert!(text.contains("Barriers not flagged (0):"), "{text}");
    let hypothetical = text
        .lines()
        .find(|l| l.starts_with("hypothetical"))
        .expect("a row for hypothetical");
    let cells: Vec<&str> = hypothetical.split_whitespace().collect();
    // kind, questions, flagged, found, precision, recall
    assert_eq!(cells[1..4], ["1", "1", "1"], "{hypothetical}");
    // --brief leaves out the lists.
    let brief = bin()
        .args(["eval", "--brief", "--questions"])
        .arg(data("questions/bank.toml"))
        .output()
        .unwrap();
    assert!(!stdout(&brief).contains("Barriers not flagged"));
}

#[test]
fn eval_questions_lists_misses_with_the_kinds_found() {
    let out = run_on(
        &["eval", "--questions"],
        "bank.toml",
        "[[question]]\ntext = \"Which checkout system did you use in your last job?\"\nbarrier = true\nkinds = [\"personal-life\"]\n",
    );
    let text = stdout(&out);
    assert!(text.contains("Barriers not flagged (1):"), "{text}");
    assert!(
        text.contains("Which checkout system did you use in your last job? [labelled: personal-life] [found: ]"),
        "{text}"
    );
    assert!(text.contains("recall 0.00"), "{text}");
}

#[test]
fn inspect_lists_each_question_with_the_words_that_decided_its_kind() {
    let text = inspect(
        "questions.md",
        "# Shop assistant interview\n\n## Questions\n\n\
         - Imagine a customer shouts at you. What then?\n\
         - Tell us about a time you counted stock. How long did it take?\n\n\
         Ask the candidate “How would your manager describe you?” and write down the answer.\n",
    );
    assert!(text.contains("questions (3):"), "{text}");
    assert!(text.contains("hypothetical: \"Imagine\""), "{text}");
    assert!(text.contains("fair: no kind of barrier found"), "{text}");
    assert!(
        text.contains("others-perception: \"How would your manager describe you\""),
        "{text}"
    );
}

/// The line of each `interview` finding of `check --format json` on `text`, in order.
fn interview_lines(name: &str, text: &str) -> Vec<u64> {
    interview_positions(name, text)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// The line and column of each `interview` finding of `check --format json` on `text`.
fn interview_positions(name: &str, text: &str) -> Vec<(u64, u64)> {
    let out = run_on(
        &[
            "check",
            "--format",
            "json",
            "--no-config",
            "--select",
            "interview",
        ],
        name,
        text,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect()
}

#[test]
fn a_question_under_a_heading_of_questions_to_avoid_is_not_flagged() {
    let lines = interview_lines(
        "guide.md",
        "---\nkind: interview\n---\n## Questions to avoid\n\n- Where do you see yourself in five years?\n\n\
         ## Questions we ask\n\n- Where do you see yourself in five years?\n",
    );
    assert_eq!(lines, vec![10], "{lines:?}");
}

#[test]
fn a_label_that_opens_with_a_negation_negates_but_one_that_says_how_to_ask_does_not() {
    // "Don't:" and "Questions to avoid:" say what not to ask; "Quick, no pen:" and "Quick,
    // without paper:" say how the question is asked, and the puzzle after them is a barrier.
    let mut lines = interview_lines(
        "sheet.md",
        "---\nkind: interview\n---\n## Warm-up\n\n\
         - Don't: what is 17 times 24?\n\
         - Questions to avoid: what is 18 times 25?\n\
         - Quick, no pen: what is 19 times 26?\n\
         - Quick, without paper: what is 21 times 27?\n",
    );
    // "no pen" is also read as time pressure: two findings on line 8.
    lines.dedup();
    assert_eq!(lines, vec![8, 9], "{lines:?}");
}

#[test]
fn a_heading_that_quotes_a_question_with_a_negation_does_not_deny_the_notes_under_it() {
    // The heading is the question put to the candidate; the note under it says what the
    // interviewer watches, and that is a barrier. A heading that says what not to ask still
    // negates.
    let mut lines = interview_lines(
        "blog.md",
        "---\nkind: interview\n---\n## 4. \"Why shouldn't we offer you the job?\"\n\n\
         We watch their body language while they answer.\n\n\
         ## Never do this\n\n\
         We watch their body language while they answer.\n\n\
         ## Never ask: \"Why should we hire you?\"\n\n\
         We watch their body language while they answer.\n\n\
         ## List of questions to avoid\n\n\
         We watch their body language while they answer.\n",
    );
    lines.dedup();
    assert!(lines.contains(&6), "{lines:?}");
    assert!(!lines.contains(&10), "{lines:?}");
    assert!(!lines.contains(&14), "{lines:?}");
    assert!(!lines.contains(&18), "{lines:?}");
}

#[test]
fn a_negation_in_brackets_in_a_heading_does_not_make_the_section_examples_of_what_not_to_ask() {
    // "(please don't rush anyone)" speaks to the interviewer; the questions under it are asked.
    // "(do not ask these)" says what the section is, as "Questions not to ask" does.
    let lines = interview_lines(
        "notes.md",
        "---\nkind: interview\n---\n## Questions to ask (please don't rush anyone)\n\n\
         - Where do you see yourself in five years?\n\n\
         ## Questions not to ask\n\n\
         - Where do you see yourself in ten years?\n\n\
         ## Interview questions (do not ask these)\n\n\
         - Where do you see yourself in twenty years?\n",
    );
    assert_eq!(lines, vec![6], "{lines:?}");
}

#[test]
fn a_heading_that_says_not_to_share_the_questions_does_not_make_them_examples_of_what_not_to_ask() {
    // "(do not send in advance)" and "Do not share with candidates" are about handling the
    // list: its questions are asked. "Questions we never ask" still negates.
    let lines = interview_lines(
        "plan.md",
        "---\nkind: interview\n---\n## Extra questions (do not send in advance)\n\n\
         - Where do you see yourself in five years?\n\n\
         ## Do not share with candidates\n\n\
         - Where do you see yourself in ten years?\n\n\
         ## Questions we never ask\n\n\
         - Where do you see yourself in twenty years?\n\n\
         ## Avoid stress-interview questions\n\n\
         - Where do you see yourself in thirty years?\n\n\
         ## Don't leave these in your script\n\n\
         - Where do you see yourself in forty years?\n",
    );
    // Line 4 is itself a finding: not sending questions in advance is a barrier of its own.
    // "Avoid stress…" and "Don't leave…" still list what not to ask.
    assert_eq!(lines, vec![4, 6, 10], "{lines:?}");
}

#[test]
fn a_negation_about_sharing_the_questions_does_not_deny_the_question_after_it() {
    // "do not share in advance" is about the topic sheet; the question is still asked. "We
    // never ask" denies it.
    let found = interview_positions(
        "panel.md",
        "---\nkind: interview\n---\n## Presentation\n\n\
         Topic (do not share in advance): \"What would you do if a customer shouted at you?\"\n\n\
         We never ask \"What would you do if a customer shouted at you?\"\n\n\
         We do not share your answer to \"What would you do if a customer shouted at you?\" with the panel.\n",
    );
    // Not sharing the topic is a finding of its own (column 8); the question is one too.
    assert!(found.iter().any(|&(l, c)| l == 6 && c >= 34), "{found:?}");
    assert!(!found.iter().any(|&(l, _)| l == 8), "{found:?}");
    // Where the question is what is not shared, the negation is its own.
    assert!(!found.iter().any(|&(l, _)| l == 10), "{found:?}");
}

#[test]
fn a_note_with_no_subject_that_opens_with_wont_or_doesnt_describes_the_person() {
    // Under "Red flags", "Won't make eye contact" and "Doesn't show much enthusiasm" judge the
    // person's manner; "Don't mark down…", "We won't score…" and "Won't ask about…" say what
    // the process does not do.
    let mut lines = interview_lines(
        "notes.md",
        "---\nkind: interview\n---\n## Red flags\n\n\
         - Won't make eye contact\n\
         - Doesn't show much enthusiasm for the role.\n\n\
         ## Guidance\n\n\
         Don't mark anyone down for a lack of enthusiasm.\n\n\
         We won't score eye contact.\n\n\
         Won't ask about marital status.\n",
    );
    lines.dedup();
    assert_eq!(lines, vec![6, 7], "{lines:?}");
}

#[test]
fn a_page_that_says_it_avoids_a_question_is_not_flagged_for_it() {
    // "avoids", "avoided", "stopped": every form of the negating verb, not only "avoid".
    let mut lines = interview_lines(
        "process.md",
        "# Your interview\n\n\
         Our panel avoids hypothetical questions such as \"what would you do if a customer shouted at you?\"\n\n\
         We stopped asking where you see yourself in five years.\n\n\
         The panel asks: \"What would you do if a customer shouted at you?\"\n",
    );
    lines.dedup();
    assert_eq!(lines, vec![7], "{lines:?}");
}

#[test]
fn a_scoring_list_that_says_what_is_not_scored_is_not_flagged_for_it() {
    // Under a scoring heading every item is read as a question. "Do not score eye contact"
    // and "There are no trick questions" say what the process does not do; "does not make eye
    // contact" and "did not show enough enthusiasm" score the candidate's manner.
    let mut lines = interview_lines(
        "scorecard.md",
        "# Interview scorecard\n\n## Scoring\n\n\
         - Do not score eye contact or handshakes.\n\
         - There are no trick questions.\n\
         - Panel members must not mark anyone down for seeming nervous.\n\
         - Handshakes and smiling are not scored.\n\
         - Poor (1): does not make eye contact, seems nervous.\n\
         - Candidate did not show enough enthusiasm.\n",
    );
    lines.dedup();
    assert_eq!(lines, vec![9, 10], "{lines:?}");
}

#[test]
fn bare_criteria_under_a_heading_that_says_what_is_scored_are_read_as_scored() {
    // "Score the candidate on" names what the panel scores: each item is one criterion, so a
    // criterion about manner is flagged though it is a bare noun, and one about the work is not.
    let mut lines = interview_lines(
        "guide.md",
        "# Shop floor interview\n\n## Score the candidate on\n\n\
         - Posture: 1 to 5\n\
         - Knowledge of the till procedure: 1 to 5\n\
         - Poise: 1 to 5\n",
    );
    lines.dedup();
    assert_eq!(lines, vec![5, 7], "{lines:?}");
}

#[test]
fn inspect_uses_the_kind_the_configuration_gives() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("guides")).unwrap();
    std::fs::write(
        dir.path().join("hirelint.toml"),
        "[kinds]\n\"guides/**\" = \"interview\"\n",
    )
    .unwrap();
    let doc = dir.path().join("guides/plan.md");
    std::fs::write(
        &doc,
        "Opening.\n\n- Where do you see yourself in five years?\n",
    )
    .unwrap();
    let out = bin().arg("inspect").arg(&doc).output().unwrap();
    let text = stdout(&out);
    assert!(
        text.lines().next().unwrap_or("").contains("kind interview"),
        "{text}"
    );
}

/// The questions `hirelint inspect` lists for `text` (saved as `name`), one line each as it
/// prints them: the question's words, then its kinds on the lines below.
fn inspect(name: &str, text: &str) -> String {
    let out = run_on(&["inspect"], name, text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

#[test]
fn questions_are_found_and_classified_in_the_layouts_guides_use() {
    // Numbered and labelled paragraphs, headings, a scenario set up before its question, and
    // a quoted question of two sentences inside narration.
    let text = inspect(
        "guide.md",
        "# Barista interview guide\n\n\
         Question 1 - Describe yourself in three words.\n\n\
         Q2: Teamwork\n\n\
         ### 3. Where do you see yourself in five years?\n\n\
         ### Tell us about your hobbies\n\n\
         A regular says their coffee tastes burnt and the queue is long. How do you handle this?\n\n\
         The chair asks “A delivery is missing. What would you do?” and notes the answer.\n",
    );
    let (_, questions) = text.split_once("questions (6):").expect(&text);
    for kind in ["self-description", "personal-life", "hypothetical"] {
        assert!(
            questions.contains(&format!("{kind}:")),
            "{kind} missing in\n{text}"
        );
    }
    // The scenario is part of its question; the narration around a quotation is not.
    assert!(
        questions.contains("hypothetical: \"A regular says their coffee"),
        "{text}"
    );
    assert!(
        questions.contains("13:17  A delivery is missing."),
        "{text}"
    );
    assert!(!questions.contains("The chair asks"), "{text}");
    // A topic after a question label is a question of its own.
    assert!(questions.contains("Q2: Teamwork"), "{text}");
}

#[test]
fn a_bank_written_from_the_guidance_is_recognised() {
    // Barrier questions in everyday wording, written from the guidance's description of each
    // kind (not from the corpus), and fair questions about real work. A few forms are known
    // misses (see the bank); the floor keeps the cues general.
    let out = bin()
        .args(["eval", "--questions"])
        .arg(data("questions/guidance-bank.toml"))
        .output()
        .unwrap();
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("barriers:"))
        .expect("a summary line");
    let number = |key: &str| -> f64 {
        line.split(key)
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(number("recall ") >= 0.9, "{text}");
    assert!(text.contains("Fair questions flagged (0):"), "{text}");
}

#[test]
fn questions_reported_in_prose_are_read_as_the_questions_they_report() {
    // A candidate page that describes its questions instead of quoting them: each reported
    // question is flagged for its kind, and a fair one (the job's own task) is not.
    let page = "# What to expect at your interview\n\n\
                ## The interview\n\n\
                We usually ask candidates where they see themselves in five years. \
                The panel will also ask how their friends would describe them.\n\n\
                You will be asked to describe yourself in three words.\n\n\
                We ask how you would check a till against the day's receipts, with the \
                receipts in front of you.\n";
    let text = inspect("what-to-expect.md", page);
    assert!(
        text.contains("reported, read as: \"where do you see yourself in five years?\""),
        "{text}"
    );
    assert!(
        text.contains("reported, read as: \"how would your friends describe you?\""),
        "{text}"
    );
    // The words that decided a kind are the document's own words.
    assert!(
        text.contains("others-perception: \"how their friends would describe them\""),
        "{text}"
    );
    let out = run_on(
        &["check", "--format", "json", "--no-config"],
        "what-to-expect.md",
        page,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let flagged: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["family"] == "interview")
        .map(|f| f["matched"].as_str().unwrap())
        .collect();
    for reported in [
        "where they see themselves in five years",
        "how their friends would describe them",
        "describe yourself in three words",
    ] {
        assert!(
            flagged.iter().any(|m| m.contains(reported)),
            "{reported:?} not flagged: {flagged:?}"
        );
    }
    assert!(
        !flagged.iter().any(|m| m.contains("till")),
        "the job's own task is flagged: {flagged:?}"
    );
}

#[test]
fn questions_without_a_question_mark_are_found_by_their_word_order() {
    // A list under a heading that does not say "questions", written without question marks:
    // the word order makes them questions; the job's own task stays fair.
    let text = inspect(
        "round-2.md",
        "# Barista interview\n\n## Round 2\n\n\
         - What are your strengths and weaknesses\n\
         - Q6. What motivates you\n\
         - How would you steam milk for a flat white\n",
    );
    let (_, questions) = text.split_once("questions (3):").expect(&text);
    assert!(
        questions.contains("self-description: \"What are your strengths\""),
        "{text}"
    );
    assert!(
        questions.contains("feelings: \"What motivates you\""),
        "{text}"
    );
    assert!(
        questions.contains("flat white\n           fair: no kind of barrier found"),
        "{text}"
    );
}

#[test]
fn a_scene_after_narration_is_read_from_where_it_starts() {
    // The narration before a scenario ("We then move on to service.") is part of the unit,
    // but the scenario's form ("A customer complains … how do you respond?") is read from
    // the start of its own sentence.
    let text = inspect(
        "guide.md",
        "# Barista interview\n\nWe then move on to service. A customer complains that the \
         queue is too long and asks for a refund, how do you respond?\n",
    );
    assert!(
        text.contains("hypothetical: \"A customer complains that the queue"),
        "{text}"
    );
}

#[test]
fn questions_written_one_per_line_are_read_line_by_line() {
    // A list of questions without markers, one per line: each line is one question, its
    // scene included, and it does not take in the line before it.
    let text = inspect(
        "guide.md",
        "# Kitchen porter interview\n\n## Interview questions\n\n\
         Tell me about a busy shift you worked. What did you do first?\n\
         You are washing up and the dishwasher breaks during service. The chef needs pans. How do you proceed?\n\
         How do you keep your station clean during a shift?\n",
    );
    let (_, questions) = text.split_once("questions (3):").expect(&text);
    assert!(
        questions.contains("   6:1   You are washing up and the dishwasher breaks"),
        "{text}"
    );
    assert!(questions.contains("hypothetical:"), "{text}");
    assert!(
        questions.contains("   5:1   Tell me about a busy shift you worked. What did you do first?\n           fair"),
        "{text}"
    );
}

#[test]
fn a_labelled_paragraph_is_one_question_with_its_scene() {
    // A question label opens the paragraph; the scene before its question is part of it,
    // whether the label stands alone ("Q2.") or the question is a command without a question
    // mark. A note line under it changes nothing.
    let text = inspect(
        "panel.txt",
        "FRONT DESK INTERVIEW - STAGE 2\n\n\
         Q1. A guest arrives late at night and their booking is not in the system. The hotel is \
         full. How do you handle this?\n   Notes: ____\n\n\
         Q2. Pick two famous people to be your parents.\n   Notes: ____\n\n\
         Q3. Tell me about a time you changed a booking for a guest. What did you do?\n",
    );
    let (_, questions) = text.split_once("questions (3):").expect(&text);
    assert!(
        questions.contains("hypothetical: \"A guest arrives late at night"),
        "{text}"
    );
    assert!(
        questions.contains("personal-life: \"your parents\""),
        "{text}"
    );
    assert!(questions.contains("Q3. Tell me about a time"), "{text}");
    assert_eq!(questions.matches("fair: no kind").count(), 1, "{text}");
}

#[test]
fn a_quoted_prompt_in_narration_is_a_question() {
    // On a page about interviews, a prompt in quotation marks is read as a question though it
    // has no question mark; in a job ad's description of the role, it is not.
    let text = inspect(
        "process.md",
        "# How we interview\n\n\
         We may ask: \u{201c}Describe yourself in three words.\u{201d} We also ask: \
         \u{201c}Tell me about a shift where you trained a new colleague.\u{201d}\n",
    );
    let (_, questions) = text.split_once("questions (2):").expect(&text);
    assert!(
        questions.contains("self-description: \"Describe yourself"),
        "{text}"
    );
    assert_eq!(questions.matches("fair: no kind").count(), 1, "{text}");
    let text = inspect(
        "ad.md",
        "# Shop assistant\n\n## About the role\n\n\
         Our motto is \u{201c}Describe the product, then sell it.\u{201d} You will serve customers.\n",
    );
    assert!(text.contains("questions (0)"), "{text}");
}

#[test]
fn a_question_in_quotation_marks_is_classified_by_its_own_words() {
    // The cue "how do you handle … situations where" must open the question; the quotation
    // marks around it are not part of its form.
    let text = inspect(
        "guide.md",
        "# Waiting staff interview\n\n\
         - “How do you cope with situations where a guest is angry with you?”\n\
         - \"What motivates you?\"\n\
         - “Tell me about a time you changed a booking for a guest.”\n",
    );
    let (_, questions) = text.split_once("questions (3):").expect(&text);
    assert!(
        questions.contains("abstract: \"How do you cope with situations where"),
        "{text}"
    );
    assert!(
        questions.contains("feelings: \"What motivates you\""),
        "{text}"
    );
    assert_eq!(questions.matches("fair: no kind").count(), 1, "{text}");
}

#[test]
fn a_question_in_a_job_ad_is_read_wherever_it_stands() {
    // A question with a question mark in the body of a job ad is analysed like one in an
    // interview guide; a statement that opens like a prompt is not a question there.
    let text = inspect(
        "ad.md",
        "# Shop assistant\n\n\
         ## About the role\n\n\
         You will serve customers and restock shelves. Where do you see yourself in five \
         years? Tell us in your cover letter. Describe the shop to your friends.\n",
    );
    let (_, questions) = text.split_once("questions (1):").expect(&text);
    assert!(
        questions.contains("self-description: \"Where do you see yourself\""),
        "{text}"
    );
}

/// The rule ids and lines of the findings of `check --format json` on `text`.
fn findings_of(name: &str, text: &str) -> Vec<(String, u64)> {
    let out = run_on(&["check", "--format", "json", "--no-config"], name, text);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_requirements_on_an_interview_page_are_checked_as_a_job_ads_are() {
    // An interviewer guide (many questions: read as an interview document) with a list of
    // what the panel looks for: the job-ad rules read that list, and not the questions.
    let text = "# Panel interview guide: library assistant\n\n\
        ## Questions\n\n\
        1. Tell us about a time you helped a visitor find a book.\n\
        2. How did you keep the returns trolley in order at your last job?\n\
        3. Tell us about a time you learned a new booking system.\n\
        4. What did you do the last time two visitors needed you at once?\n\
        5. Tell us about a report you wrote for a manager.\n\
        6. Which catalogue systems have you used?\n\
        7. Tell us about a time you changed a display after feedback.\n\
        8. How did you check stock at your last job?\n\n\
        ## What we are looking for\n\n\
        - A rockstar who thrives in a fast-paced environment.\n\
        - Experience of lending and returns.\n";
    let found = findings_of("guide.md", text);
    assert!(
        found
            .iter()
            .any(|(r, l)| r.starts_with("buzzword/") && *l == 16),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(r, l)| !r.starts_with("buzzword/") || *l >= 16),
        "{found:?}"
    );
}

#[test]
fn a_job_ads_interview_section_is_checked_as_an_interview_is() {
    let text = "---\nkind: job-ad\n---\n# Data analyst\n\n\
        ## What you'll do\n\n\
        - Build the monthly donor report in Excel.\n\
        - Answer data requests from the fundraising team by email.\n\n\
        ## What you'll need\n\n\
        - Two years of work with spreadsheets.\n\n\
        ## The interview\n\n\
        There is no preparation: we want to see how you think on your feet.\n";
    let found = findings_of("ad.md", text);
    assert!(
        found
            .iter()
            .any(|(r, l)| r.starts_with("interview/") && *l == 17),
        "{found:?}"
    );
}

#[test]
fn a_question_introduced_by_a_statement_is_read_from_its_colon() {
    // The statement before the colon has a finding of its own (thinking on one's feet); the
    // question after it is still flagged for its kind.
    let text = "# Interview questions\n\n\
        1. Tell us about a time you handled a complaint.\n\
        2. Tell us about a time you planned a busy week.\n\
        3. Which booking systems have you used?\n\n\
        The chair may close with one unscripted question to see how candidates think on their \
        feet, for example: If you were a kitchen utensil, which one would you be?\n";
    let found = findings_of("questions.md", text);
    let on_line: Vec<&str> = found
        .iter()
        .filter(|(_, l)| *l == 7)
        .map(|(r, _)| r.as_str())
        .collect();
    assert!(on_line.contains(&"interview/on-the-spot"), "{found:?}");
    assert!(
        on_line
            .iter()
            .any(|r| *r == "interview/hypothetical" || *r == "interview/brain-teaser"),
        "{found:?}"
    );
}

#[test]
fn a_finding_on_one_sentence_of_an_item_does_not_hide_the_question_in_another() {
    // Scoring eye contact is flagged in the first sentence; the question about the future,
    // asked in a later sentence of the same item, is another barrier and is flagged too.
    let text = "# How we hire\n\n## Stages\n\n\
        - Interview (45 minutes), where we also score your eye contact. Three interviewers ask about your past work, for \
        example: \u{201c}Tell us about a claim you handled. What did you check?\u{201d} \
        They\u{2019}ll also ask where you see yourself in five years, and why insurance, why us \
        and why now.\n\
        - A take-home task with no timer.\n\n\
        ## Adjustments\n\nEmail jobs@example.org to ask for any adjustment.\n";
    let found = findings_of("process.md", text);
    let on_item: Vec<&str> = found
        .iter()
        .filter(|(_, l)| *l == 5)
        .map(|(r, _)| r.as_str())
        .collect();
    assert!(on_item.contains(&"interview/body-language"), "{found:?}");
    assert!(
        on_item.contains(&"interview/future-speculation"),
        "{found:?}"
    );
}

#[test]
fn a_short_item_between_two_questions_of_a_list_is_read_as_one() {
    // "Your biggest weakness." has no question mark and opens with no prompt, but it stands
    // in a list of questions; the statement after the list is not a question.
    let text = "# Shift lead, Harbour Caf\u{e9}\n\n## Warm-up\n\n\
        1. What did you enjoy most in your last caf\u{e9} job?\n\
        2. Your biggest weakness.\n\
        3. How did you train a new barista at your last job?\n\n\
        ## About the caf\u{e9}\n\n- Your biggest weakness is not a topic here.\n";
    let found = findings_of("cafe.md", text);
    assert!(
        found
            .iter()
            .any(|(r, l)| r == "interview/strengths-weaknesses" && *l == 6),
        "{found:?}"
    );
    assert!(found.iter().all(|(_, l)| *l != 11), "{found:?}");
}

#[test]
fn a_finding_on_a_questions_label_does_not_hide_the_question() {
    // "Icebreaker" is flagged as a social warm-up; the question after its colon is a barrier
    // of its own kind and is flagged too.
    let text = "# Panel questions: apprentice\n\n\
        1. Icebreaker: if you were a biscuit, what kind of biscuit would you be?\n\
        2. Tell us about a time you kept accurate records at school or work.\n\
        3. How did you check your work in your last job?\n";
    let found = findings_of("panel.md", text);
    assert!(
        found
            .iter()
            .any(|(r, l)| r == "interview/social-judgement" && *l == 3),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(r, l)| r == "interview/brain-teaser" && *l == 3),
        "{found:?}"
    );
    assert!(found.iter().all(|(_, l)| *l == 3), "{found:?}");
}

#[test]
fn a_stage_that_quotes_several_questions_holds_each_of_them() {
    // A job ad's interview stages: the quoted examples of one stage are separate questions,
    // so a fair one is not flagged with the barrier beside it; a prompt after a stage label
    // ("HR round:") is read as a prompt.
    let ad = "# IT support engineer\n\n## How to apply\n\n\
              1. **Technical round (30 minutes):** with our team lead. Example questions: \
              \"How would you reset a locked account in our directory?\" and \"If you were a \
              printer, which one would you be?\"\n\
              2. **HR round:** tell me about yourself.\n";
    let text = inspect("ad.md", ad);
    let (_, questions) = text.split_once("questions (3):").expect(&text);
    assert!(
        questions.contains(
            "How would you reset a locked account in our directory?\n           fair: no kind"
        ),
        "{text}"
    );
    assert!(questions.contains("hypothetical: \"If you were"), "{text}");
    assert!(
        questions.contains("open-ended: \"tell me about yourself"),
        "{text}"
    );
    // Findings: on the barrier question and the open prompt, none on the fair question or
    // on the whole stage.
    let at = interview_positions("ad.md", ad);
    assert!(!at.is_empty(), "{text}");
    assert!(
        at.iter().all(|&(l, c)| (l == 5 && c >= 130) || l == 6),
        "{at:?}"
    );
    assert!(at.contains(&(6, 6)), "{at:?}");
}

/// A question about age is reported by the `exclusionary` rule for its words and, as a
/// personal question at interview, under `interview`; a health question under `unlawful`. The
/// bank, whose `unlawful` kind covers both, counts both as flagged and as found `unlawful`.
#[test]
fn a_family_question_is_named_once_by_the_interview_rule_and_ad_wording_still_by_its_own() {
    // In an interview script, the interview rule on protected characteristics names the
    // question; the rule on family-status wording yields to it (`yields-to`).
    let page = "# Phone screen\n\n## Questions\n\n\
                - Are you married, and do you have children?\n\
                - Tell me about a time you sorted out a mix-up over a delivery.\n";
    let findings = findings_of_text("screen.md", page);
    let rules_on_5: Vec<&str> = findings
        .iter()
        .filter(|f| f["line"] == 5)
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules_on_5.contains(&"interview/protected-characteristic-question"),
        "{rules_on_5:?}"
    );
    assert!(
        !rules_on_5.contains(&"exclusionary/family-status"),
        "{rules_on_5:?}"
    );
    // Yielding is applied after suppression comments: suppressing the interview finding
    // brings the family-status one back, and a comment on family-status is still used.
    let suppressed = "# Phone screen\n\n## Questions\n\n\
                <!-- hirelint-disable-next-line interview/protected-characteristic-question -->\n\
                - Are you married?\n\n\
                <!-- hirelint-disable-next-line exclusionary/family-status -->\n\
                - Do you have children?\n";
    let findings = findings_of_text("screen.md", suppressed);
    let rules: Vec<(u64, &str)> = findings
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert!(
        rules.contains(&(6, "exclusionary/family-status")),
        "{rules:?}"
    );
    assert!(
        !rules
            .iter()
            .any(|(_, r)| *r == "hirelint/unused-suppression"),
        "{rules:?}"
    );
    // In a job ad, with no interview finding on the same words, the wording rule still speaks.
    let ad = "# Shop assistant\n\n## How to apply\n\n\
              Send your CV stating your age, marital status and current salary.\n";
    let findings = findings_of_text("ad.md", ad);
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "exclusionary/family-status"),
        "{findings:?}"
    );
}

#[test]
fn protected_characteristic_questions_are_exclusionary_and_count_as_the_banks_unlawful() {
    let page = "# Interview questions\n\n## Questions\n\n\
                - How old are you?\n\
                - Have you taken much time off ill recently?\n\
                - Tell me about a time you helped a customer find the right product.\n";
    let findings = findings_of_text("questions.md", page);
    let families_on = |line: u64| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["line"] == line)
            .map(|f| f["family"].as_str().unwrap().to_string())
            .collect()
    };
    let age = families_on(5);
    assert!(age.contains(&"exclusionary".to_string()), "{age:?}");
    assert!(age.contains(&"interview".to_string()), "{age:?}");
    assert!(!age.contains(&"unlawful".to_string()), "{age:?}");
    let health = families_on(6);
    assert!(health.contains(&"unlawful".to_string()), "{health:?}");
    assert!(families_on(7).is_empty());
    let bank = "[[question]]\ntext = \"How old will you be next birthday?\"\nbarrier = true\nkinds = [\"unlawful\"]\n\n\
                [[question]]\ntext = \"Have you taken much time off ill recently?\"\nbarrier = true\nkinds = [\"unlawful\"]\n\n\
                [[question]]\ntext = \"How did the chairman of his last board review his reports?\"\nbarrier = false\n";
    let out = run_on(&["eval", "--questions"], "bank.toml", bank);
    let text = stdout(&out);
    assert!(
        text.contains("(2 of 2 barriers flagged, 0 of 1 fair questions flagged)"),
        "{text}"
    );
    let unlawful = text
        .lines()
        .find(|l| l.starts_with("unlawful"))
        .expect("a row for unlawful");
    let cells: Vec<&str> = unlawful.split_whitespace().collect();
    // kind, questions, flagged, found
    assert_eq!(cells[1..4], ["2", "2", "2"], "{unlawful}");
    assert!(!text.lines().any(|l| l.starts_with("protected")), "{text}");
}
