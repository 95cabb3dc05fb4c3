//! Question analysis: every question or prompt in a document, classified by the kind of
//! barrier it is.

/// The kinds of question barrier, as the question bank and `question-kinds` name them.
pub const KINDS: [&str; 14] = [
    "hypothetical",
    "abstract",
    "feelings",
    "self-description",
    "others-perception",
    "personal-life",
    "brain-teaser",
    "multi-part",
    "idiom",
    "culture-fit",
    "social-judgement",
    "time-pressure",
    "unlawful",
    "open-ended",
];
