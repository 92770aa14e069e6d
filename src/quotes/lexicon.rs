//! Closed word lists used by quote attribution: cue verbs, honorifics,
//! titles, pronouns and the words that tell a person's name from an
//! organisation or a sentence opener.
//!
//! Matching lowercases into a stack buffer, so looking a word up never
//! allocates; words longer than the buffer are never in a list.

/// Grammatical gender signalled by an honorific or a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// How a word can introduce speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    No,
    /// "said", "says", "told", "warned": can carry an attribution itself.
    Finite,
    /// "saying", "adding": borrows the subject of its sentence.
    Participle,
}

/// Lowercases an ASCII word into `buf`; `None` for non-ASCII or long words,
/// which no list below contains.
fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Words that a tokenizer keeps together with their final period.
pub(super) fn is_abbreviation(seg: &str) -> bool {
    matches!(
        seg,
        "Mr" | "Mrs"
            | "Ms"
            | "Mx"
            | "Dr"
            | "Prof"
            | "Sr"
            | "Jr"
            | "St"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Del"
            | "Lt"
            | "Col"
            | "Capt"
            | "Adm"
            | "Sgt"
            | "Rev"
            | "Inc"
            | "Corp"
            | "Ltd"
            | "Co"
            | "vs"
            | "etc"
            | "Mt"
            | "No"
            | "Dept"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "approx"
    )
}

/// `Some(gender)` when the word is an honorific such as "Mr." (stripped from
/// a canonical name and not a role).
pub(crate) fn honorific(word: &str) -> Option<Option<Gender>> {
    let w = word.strip_suffix('.').unwrap_or(word);
    match w {
        "Mr" | "Sir" => Some(Some(Gender::Male)),
        "Mrs" | "Ms" | "Miss" | "Dame" => Some(Some(Gender::Female)),
        "Mx" | "Dr" | "Prof" | "Professor" | "Rev" => Some(None),
        _ => None,
    }
}

/// A peer's title, whose "of Ashby" after the name is part of the title
/// ("Lord Pemberton of Ashby"), not an affiliation.
pub(super) fn is_peerage(word: &str) -> bool {
    matches!(
        word,
        "Lord"
            | "Lady"
            | "Baron"
            | "Baroness"
            | "Viscount"
            | "Viscountess"
            | "Earl"
            | "Countess"
            | "Marquess"
            | "Duke"
            | "Duchess"
    )
}

/// Whether the honorific goes with the given name in British usage:
/// "Dame Harriet Okonkwo" is later "Dame Harriet", not "Dame Okonkwo".
pub(super) fn takes_given_name(honorific: &str) -> bool {
    matches!(honorific, "Sir" | "Dame")
}

/// A title word in full: "Sen." is "senator", so "the senator said"
/// finds "Sen. Walter Hayes".
pub(super) fn title_in_full(word: &str) -> &str {
    match word.trim_end_matches('.') {
        "Sen" => "senator",
        "Del" => "delegate",
        "Rep" => "representative",
        "Gov" => "governor",
        "Gen" => "general",
        "Amb" => "ambassador",
        "Insp" => "inspector",
        "Supt" => "superintendent",
        "Pres" => "president",
        "Sec" => "secretary",
        w => w,
    }
}

/// Job titles that may precede a name ("President Emmanuel Marchand",
/// "Microsoft president Nora Blake"); they become the role.
pub(super) fn is_title(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(w) = lower(word.strip_suffix('.').unwrap_or(word), &mut buf) else {
        return false;
    };
    matches!(
        w,
        "president"
            | "vice"
            | "prime"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "governor"
            | "gov"
            | "mayor"
            | "ambassador"
            | "envoy"
            | "chancellor"
            | "premier"
            | "general"
            | "gen"
            | "admiral"
            | "adm"
            | "colonel"
            | "col"
            | "lieutenant"
            | "lt"
            | "captain"
            | "capt"
            | "major"
            | "sergeant"
            | "det"
            | "insp"
            | "superintendent"
            | "supt"
            | "constable"
            | "sgt"
            | "judge"
            | "justice"
            | "commissioner"
            | "chairman"
            | "chairwoman"
            | "chairperson"
            | "chair"
            | "chief"
            | "director"
            | "ceo"
            | "cto"
            | "ciso"
            | "cfo"
            | "coo"
            | "founder"
            | "co-founder"
            | "head"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "official"
            | "officer"
            | "analyst"
            | "researcher"
            | "expert"
            | "lawyer"
            | "attorney"
            | "adviser"
            | "advisor"
            | "executive"
            | "fellow"
            | "economist"
            | "scientist"
            | "diplomat"
            | "negotiator"
            | "lawmaker"
            | "leader"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            // "MSNBC host Chris Matthews", "Del. Stacey Plaskett"
            | "host"
            | "anchor"
            | "commentator"
            | "columnist"
            | "correspondent"
            | "pollster"
            | "del"
            | "pope"
            | "sheikh"
            | "emir"
            | "deputy"
            | "speaker"
            | "manager"
            | "editor"
            | "activist"
            | "consultant"
            | "strategist"
            | "specialist"
            | "investigator"
            | "prosecutor"
            | "inspector"
            | "detective"
            | "rapporteur"
            | "delegate"
            | "coordinator"
            | "partner"
            | "critic"
            | "journalist"
            | "reporter"
            | "professor"
            | "scholar"
            | "lecturer"
            | "moderator"
            | "author"
            | "commander"
            | "secretary-general"
            | "president-elect"
    )
}

/// Surname particles kept inside a name ("Ursula von der Leyen").
pub(super) fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "del"
            | "della"
            | "der"
            | "den"
            | "di"
            | "da"
            | "du"
            | "des"
            | "la"
            | "le"
            | "van"
            | "von"
            | "ter"
            | "ten"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "dos"
            | "das"
            | "zu"
    )
}

/// Whether `words`, before a last name, are its particles, so the whole is
/// a surname: "von der" (Leyen), "De" (Gaulle). A particle that is also a
/// given name ("Al Gore", "Van Jones", "Del Shannon") starts a full name,
/// unless another particle follows it ("Van der Berg").
pub(crate) fn are_surname_particles(words: &[&str]) -> bool {
    let particle = |w: &str| is_particle(&w.to_lowercase());
    let given = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "al" | "el" | "van" | "del" | "da" | "bin" | "ibn"
        )
    };
    match words {
        [] => false,
        [first, rest @ ..] => {
            words.iter().all(|w| particle(w)) && (!given(first) || !rest.is_empty())
        }
    }
}

/// Letters after a name: offices, honours and degrees ("MP", "KC", "OBE").
pub(super) fn is_post_nominal(word: &str) -> bool {
    matches!(
        word,
        "MP" | "MEP"
            | "MSP"
            | "TD"
            | "MLA"
            | "KC"
            | "QC"
            | "SC"
            | "OBE"
            | "CBE"
            | "MBE"
            | "KBE"
            | "DBE"
            | "PhD"
            | "FRS"
    )
}

/// Generational suffixes, never a surname.
pub(super) fn is_suffix(word: &str) -> bool {
    matches!(word, "Jr." | "Sr." | "Jr" | "Sr" | "II" | "III" | "IV")
}

/// Capitalised words that open sentences but never start a name.
pub(super) fn is_stop_cap(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "but"
            | "and"
            | "or"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "as"
            | "with"
            | "without"
            | "by"
            | "to"
            | "of"
            | "some"
            | "many"
            | "most"
            | "all"
            | "both"
            | "each"
            | "every"
            | "other"
            | "another"
            | "such"
            | "our"
            | "their"
            | "his"
            | "her"
            | "my"
            | "your"
            | "we"
            | "they"
            | "he"
            | "she"
            | "i"
            | "you"
            | "there"
            | "here"
            | "what"
            | "who"
            | "why"
            | "how"
            | "where"
            | "which"
            | "meanwhile"
            | "however"
            | "still"
            | "yet"
            | "so"
            | "then"
            | "now"
            | "last"
            | "next"
            | "since"
            | "although"
            | "though"
            | "despite"
            | "during"
            | "under"
            | "over"
            | "among"
            | "between"
            | "like"
            | "unlike"
            | "yes"
            | "no"
            | "not"
            | "even"
            | "also"
            | "only"
            | "just"
            | "asked"
            | "according"
            | "speaking"
            | "earlier"
            | "later"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dear"
            | "thanks"
            | "please"
    )
}

/// Nouns in "-ing" that head a document or an event that can speak ("the
/// ruling said"), unlike participles ("the man speaking").
pub(super) fn is_ing_noun(word: &str) -> bool {
    matches!(
        word,
        "ruling" | "filing" | "briefing" | "finding" | "posting" | "listing" | "hearing"
    )
}

/// Words that mark a capitalised sequence as an organisation, place,
/// document or date rather than a person ("Harbor Policy Foundation").
pub(crate) fn is_non_person(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(w) = lower(word.strip_suffix('.').unwrap_or(word), &mut buf) else {
        return false;
    };
    matches!(
        w,
        "foundation"
            | "institute"
            | "university"
            | "college"
            | "school"
            | "department"
            | "ministry"
            | "office"
            | "agency"
            | "bureau"
            | "council"
            | "committee"
            | "commission"
            | "parliament"
            | "congress"
            | "senate"
            | "house"
            | "court"
            | "union"
            | "nations"
            | "states"
            | "kingdom"
            | "republic"
            | "federation"
            | "party"
            | "group"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "ltd"
            | "llc"
            | "bank"
            | "fund"
            | "center"
            | "centre"
            | "association"
            | "society"
            | "organization"
            | "organisation"
            | "forum"
            | "summit"
            | "conference"
            | "call"
            | "agreement"
            | "accord"
            | "act"
            | "treaty"
            | "convention"
            | "declaration"
            | "initiative"
            | "program"
            | "programme"
            | "project"
            | "alliance"
            | "coalition"
            | "network"
            | "lab"
            | "labs"
            | "security"
            | "cyberspace"
            | "cyber"
            | "internet"
            | "web"
            | "times"
            | "post"
            | "news"
            | "journal"
            | "review"
            | "press"
            | "street"
            | "avenue"
            | "city"
            | "county"
            | "province"
            | "island"
            | "islands"
            | "sea"
            | "ocean"
            | "river"
            | "valley"
            | "europe"
            | "european"
            | "africa"
            | "african"
            | "asia"
            | "asian"
            | "america"
            | "american"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "new"
            | "global"
            | "international"
            | "national"
            | "federal"
            | "digital"
            | "tech"
            | "technology"
            | "technologies"
            | "systems"
            | "software"
            | "research"
            | "policy"
            | "affairs"
            | "defense"
            | "defence"
            | "army"
            | "navy"
            | "air"
            | "force"
            | "forces"
            | "police"
            | "service"
            | "services"
            | "command"
            | "watch"
            | "rights"
            | "human"
            | "trust"
            | "public"
            | "private"
            | "open"
            | "central"
            | "civil"
            | "joint"
            | "united"
            | "royal"
            | "big"
            | "french"
            | "german"
            | "british"
            | "chinese"
            | "russian"
            | "iranian"
            | "israeli"
            | "japanese"
            | "indian"
            | "canadian"
            | "australian"
            | "korean"
            | "ukrainian"
            | "dutch"
            | "swiss"
            | "italian"
            | "spanish"
            | "estonian"
            | "polish"
            | "arab"
            | "day"
            | "week"
            | "year"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// The gender a given name (or a peerage that heads a name, "Lord
/// Ashcombe") nearly always has in news text, so that "she" after "Marie
/// Tremblay and Daniel Osei" is Tremblay. Names borne by men and women
/// alike (Alex, Jean, Andrea, Jan, Kim) are left out.
pub(crate) fn given_name_gender(word: &str) -> Option<Gender> {
    #[rustfmt::skip]
    const FEMALE: &[&str] = &[
        "ada", "agnes", "alice", "alicia", "ama", "amanda", "amelia", "amy", "ana",
        "angela", "anjali", "anna", "anne", "annika", "aoife", "astrid", "barbara",
        "baroness", "beatriz", "betsy", "birgit", "brigitte", "carla", "carmen", "caroline",
        "catherine", "charlotte", "chloe", "christina", "christine", "ciara", "claire",
        "claudia", "countess", "cristina", "daniela", "deborah", "deepa", "diana",
        "dorothy", "duchess", "elena", "elisabeth", "elizabeth", "ellen", "emily", "emma",
        "eva", "fatima", "fiona", "francesca", "gabriela", "grace", "hannah", "harriet",
        "heather", "helen", "helena", "ingrid", "irene", "isabel", "isabelle", "isla",
        "jane", "janet", "jennifer", "jessica", "joanna", "johanna", "julia", "julie",
        "karen", "katarzyna", "katherine", "kathryn", "katrin", "lady", "laura", "lena",
        "liisa", "linda", "lisa", "lucia", "lucy", "margaret", "margarethe", "marguerite",
        "maria", "marie", "marina", "martha", "mary", "megan", "melissa", "michelle",
        "monica", "monika", "nadia", "nancy", "natalia", "natalie", "ngozi", "niamh",
        "nina", "olga", "olivia", "patricia", "paula", "priya", "rachel", "rebecca", "ruth",
        "sabine", "sandra", "sara", "sarah", "silvia", "sinead", "siobhan", "sofia",
        "sophie", "sunita", "susan", "susanne", "svetlana", "tatiana", "teresa", "ursula",
        "valerie", "vanessa", "victoria", "viscountess", "yasmin", "yvonne", "zoe",
    ];
    #[rustfmt::skip]
    const MALE: &[&str] = &[
        "adam", "ahmed", "alan", "albert", "alexander", "andrew", "andrzej", "anthony",
        "antonio", "arjun", "arnaud", "baron", "ben", "benjamin", "bernard", "bill", "brad",
        "brendan", "brian", "bruce", "carl", "carlos", "charles", "christian",
        "christopher", "conor", "daniel", "david", "declan", "dmitry", "duke", "earl",
        "edward", "eoin", "eric", "erik", "ewan", "felix", "francisco", "frank", "franz",
        "geoffrey", "georg", "george", "gerhard", "giovanni", "gregory", "hamish", "hans",
        "henry", "hugo", "ian", "igor", "ivan", "jack", "jacques", "james", "javier",
        "john", "jonathan", "jorge", "joseph", "juan", "karl", "klaus", "kofi", "kwame",
        "lars", "liam", "lord", "luis", "marc", "marco", "marcus", "mark", "martin",
        "matthew", "michael", "mohammed", "muhammad", "niall", "nicholas", "nigel", "olaf",
        "oleg", "oliver", "omar", "oskar", "pablo", "patrick", "paul", "pedro", "peter",
        "philip", "pierre", "piotr", "rafael", "rajesh", "ravi", "rhys", "richard",
        "robert", "roberto", "ron", "samuel", "sean", "sergei", "stefan", "stephen",
        "steven", "thomas", "tim", "timothy", "tom", "tomasz", "vikram", "viscount",
        "vladimir", "walter", "william", "wolfgang", "yuri",
    ];
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    if FEMALE.contains(&w) {
        Some(Gender::Female)
    } else if MALE.contains(&w) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// Months that are also names ("Theresa May", "April Ryan").
pub(super) fn is_name_month(word: &str) -> bool {
    matches!(word, "March" | "April" | "May" | "June" | "August")
}

/// Words after which a month is a date: "in May", "since June".
pub(super) fn is_date_lead(word: &str) -> bool {
    is_preposition(word)
        || matches!(
            word,
            "since"
                | "until"
                | "till"
                | "through"
                | "during"
                | "before"
                | "after"
                | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
                | "between"
        )
}

/// Pronouns that can be the subject of a cue; `Some(Some(g))` for he/she.
pub(crate) fn pronoun(word: &str) -> Option<Option<Gender>> {
    match word {
        // "He’s claiming that …"
        "he" | "He" | "he’s" | "He’s" | "he's" | "He's" => Some(Some(Gender::Male)),
        "she" | "She" | "she’s" | "She’s" | "she's" | "She's" => Some(Some(Gender::Female)),
        // "“Okay,” I said": the writer, whom no name resolves.
        "they" | "They" | "it" | "It" | "we" | "We" | "I" => Some(None),
        _ => None,
    }
}

/// Days of the week, which follow a cue ("Smith said Friday").
pub(super) fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Words allowed between a subject and its cue ("Smith later said").
pub(super) fn is_adverb(word: &str) -> bool {
    if word.len() > 4 && word.ends_with("ly") && word.starts_with(|c: char| c.is_lowercase()) {
        return true;
    }
    matches!(
        word,
        "also"
            | "later"
            | "then"
            | "previously"
            | "once"
            | "recently"
            | "further"
            | "often"
            | "has"
            | "have"
            | "had"
            | "would"
            | "will"
            | "again"
            | "simply"
            | "just"
            | "since"
            | "earlier"
    )
}

pub(super) fn is_determiner(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    matches!(
        w,
        "a" | "an"
            | "the"
            | "this"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "one"
            | "another"
            | "some"
            | "many"
            | "several"
            | "two"
            | "three"
            | "both"
            | "each"
            | "other"
    )
}

pub(super) fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "for" | "of" | "at" | "with" | "from" | "by" | "in" | "on" | "to" | "about"
    )
}

/// Words that begin a clause or phrase of their own, so never follow a
/// possessive: after "…hackers’ and", the mark closed a quotation.
pub(super) fn is_function_word(word: &str) -> bool {
    is_preposition(word)
        || is_determiner(word)
        || is_relative(word)
        || matches!(
            word,
            "and"
                | "or"
                | "but"
                | "nor"
                | "so"
                | "yet"
                | "unless"
                | "because"
                | "although"
                | "though"
                | "if"
                | "as"
                | "than"
                | "then"
                | "when"
                | "while"
                | "until"
                | "since"
                | "before"
                | "after"
                | "that"
                | "is"
                | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "must"
        )
}

/// Words written with their first letters left out ("'em", "'tis").
pub(super) fn is_elided(word: &str) -> bool {
    matches!(
        word,
        "em" | "n" | "tis" | "twas" | "til" | "cause" | "bout" | "round"
    )
}

/// Relative pronouns end an appositive role ("…, who was named …").
pub(super) fn is_relative(word: &str) -> bool {
    matches!(word, "who" | "which" | "whose" | "whom" | "where")
}

/// Words that end the noun phrase after a cue ("said a spokesman in a
/// statement").
pub(super) fn is_phrase_stop(word: &str) -> bool {
    is_relative(word)
        || matches!(
            word,
            "in" | "on"
                | "during"
                | "that"
                | "when"
                | "while"
                | "after"
                | "before"
                | "as"
                | "because"
                | "via"
                | "and"
                | "but"
                | "told"
                | "said"
                | "says"
                | "adding"
        )
}

/// Words that cannot open an appositive role.
pub(super) fn is_role_stop(word: &str) -> bool {
    is_relative(word)
        || matches!(
            word,
            "and"
                | "or"
                | "but"
                | "that"
                | "as"
                | "in"
                | "on"
                | "at"
                | "when"
                | "while"
                | "after"
                | "before"
                | "because"
                | "although"
                | "though"
                | "if"
                | "according"
                | "not"
                | "then"
                | "also"
                | "however"
                | "too"
                | "he"
                | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "you"
        )
}

/// Regular verbs of speech, base form; inflections are derived.
const REGULAR_CUES: &[&str] = &[
    "add",
    "argue",
    "warn",
    "note",
    "explain",
    "state",
    "ask",
    "insist",
    "claim",
    "reply",
    "declare",
    "continue",
    "recall",
    "acknowledge",
    "caution",
    "contend",
    "remark",
    "observe",
    "announce",
    "suggest",
    "stress",
    "emphasize",
    "emphasise",
    "conclude",
    "comment",
    "predict",
    "tweet",
    "respond",
    "counter",
    "concede",
    "agree",
    "maintain",
    "urge",
    "confirm",
    "reiterate",
    "recount",
    "allege",
    "answer",
    "boast",
    "concur",
    "exclaim",
    "plead",
    "promise",
    "protest",
    "reflect",
    "retort",
    "scoff",
    "shout",
    "vow",
    "whisper",
    "yell",
    "assert",
    "affirm",
    "advise",
    "complain",
    "lament",
    "muse",
    "wonder",
    "joke",
    "reveal",
    "disclose",
    "insist",
    // "She described the results as “sobering but not hopeless.”"
    "describe",
    // Labels and cries: "The mayor called the deal “a gift to
    // developers”", "Critics likened it to “a shell game”", "Protesters
    // chanted “…”".
    "call",
    "liken",
    "characterize",
    "characterise",
    "praise",
    "mock",
    "deride",
    "decry",
    "denounce",
    "dismiss",
    "hail",
    "tout",
    "accuse",
    "criticize",
    "criticise",
    "demand",
    "chant",
    "pledge",
    "exhort",
];

/// Base forms that are also common nouns ("a note", "a comment") are cues
/// only when inflected; these few are safe bare ("experts warn").
const BARE_CUES: &[&str] = &[
    "add",
    "argue",
    "warn",
    "explain",
    "insist",
    "contend",
    "agree",
    "acknowledge",
    "maintain",
    "suggest",
    "ask",
    "predict",
    "recall",
    "observe",
    "conclude",
    "stress",
];

fn regular_base(stem: &str, extra: &str) -> bool {
    REGULAR_CUES
        .iter()
        .any(|b| b.len() == stem.len() + extra.len() && b.starts_with(stem) && b.ends_with(extra))
}

/// Classifies a word as a verb of speech.
pub(super) fn cue(word: &str) -> Cue {
    let mut buf = [0u8; 24];
    let Some(w) = lower(word, &mut buf) else {
        return Cue::No;
    };
    match w {
        "say" | "says" | "said" | "tell" | "tells" | "told" | "write" | "writes" | "wrote"
        | "admit" | "admits" | "admitted" | "quip" | "quips" | "quipped" | "testify"
        | "testifies" | "testified" | "posted" | "deny" | "denies" | "denied" | "sang"
        | "sings" | "dubbed" | "dubs" | "branded" | "labeled" | "labelled" | "termed"
        | "slammed" | "blasted" | "referred" | "refers" | "reads" | "read" | "reported" => {
            return Cue::Finite
        }
        "saying" | "telling" | "writing" | "admitting" | "testifying" | "denying" | "singing"
        | "dubbing" | "branding" | "labeling" | "labelling" | "referring" | "slamming"
        | "blasting" => return Cue::Participle,
        _ => {}
    }
    if BARE_CUES.contains(&w) {
        return Cue::Finite;
    }
    if let Some(stem) = w.strip_suffix("ing") {
        if regular_base(stem, "") || regular_base(stem, "e") || regular_base(stem, "y") {
            return Cue::Participle;
        }
        return Cue::No;
    }
    let finite = w.strip_suffix("ied").is_some_and(|s| regular_base(s, "y"))
        || w.strip_suffix("ies").is_some_and(|s| regular_base(s, "y"))
        || w.strip_suffix("ed").is_some_and(|s| regular_base(s, ""))
        || w.strip_suffix('d').is_some_and(|s| regular_base(s, ""))
        || w.strip_suffix("es").is_some_and(|s| regular_base(s, ""))
        || w.strip_suffix('s').is_some_and(|s| regular_base(s, ""));
    if finite {
        Cue::Finite
    } else {
        Cue::No
    }
}

/// What a description's head noun says its speaker is: a document ("the
/// statement", "the letter", "a filing"), an organisation ("the ministry",
/// "the campaign", "the group") or a person ("a spokesman", "officials",
/// "the senator"); `None` when the word tells nothing. Plurals count as
/// their singular.
pub(crate) fn description_type(word: &str) -> Option<super::SpeakerType> {
    use super::SpeakerType;
    let word = word
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['’', '\'']);
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    // "officials", "agencies": a plural is its singular.
    let plural_of = |e: &str| {
        w.strip_suffix('s') == Some(e)
            || w.strip_suffix("ies")
                .is_some_and(|stem| e.strip_suffix('y') == Some(stem))
    };
    let is = |list: &[&str]| list.iter().any(|e| *e == w || plural_of(e));
    #[rustfmt::skip]
    const DOCUMENTS: &[&str] = &[
        "statement", "letter", "report", "filing", "memo", "memorandum", "article",
        "ruling", "release", "document", "email", "e-mail", "complaint", "lawsuit",
        "indictment", "affidavit", "order", "editorial", "study", "survey", "poll",
        "tweet", "book", "bill", "brief", "transcript", "note", "message", "website",
        "ad", "advertisement", "video", "clip", "sign", "banner", "proposal", "decision",
        "opinion", "motion", "petition", "resolution", "communique", "notice",
        "guidance", "assessment", "analysis", "cable", "dossier", "manifesto",
        "platform", "verdict", "judgment", "summary", "draft", "post", "column",
        "story", "piece", "essay", "op-ed", "text", "warning", "caption", "headline",
        "plan", "policy", "law", "rule", "regulation", "guideline", "charter", "pledge",
        "agreement", "treaty", "declaration", "announcement", "speech",
    ];
    #[rustfmt::skip]
    const ORGANISATIONS: &[&str] = &[
        "ministry", "government", "company", "party", "campaign", "group", "agency",
        "department", "administration", "committee", "council", "court", "union",
        "firm", "embassy", "office", "police", "army", "military", "navy",
        "organization", "organisation", "network", "newspaper", "paper", "magazine",
        "outlet", "station", "channel", "broadcaster", "team", "board", "bank",
        "commission", "coalition", "alliance", "institute", "foundation",
        "university", "school", "club", "church", "league", "corporation", "business",
        "cabinet", "parliament", "senate", "congress", "legislature", "regime",
        "association", "federation", "bureau", "service", "trust", "fund", "charity",
        "watchdog", "regulator", "panel", "authority", "authorities", "city", "county",
        "country", "nation", "state", "province", "airline", "retailer", "maker",
        "manufacturer", "operator", "provider", "insurer", "lender", "bloc", "caucus",
        "centre", "center", "delegation", "think-tank", "tank", "movement",
        "site", "publisher", "studio", "lab", "startup", "industry", "sector", "house",
    ];
    #[rustfmt::skip]
    const PERSONS: &[&str] = &[
        "official", "aide", "surrogate", "source", "critic", "supporter", "voter",
        "resident", "protester", "protestor", "demonstrator", "witness", "doctor",
        "candidate", "nominee", "democrat", "republican", "member", "friend", "father",
        "mother", "wife", "husband", "son", "daughter", "brother", "sister", "narrator",
        "announcer", "questioner", "writer", "man", "woman", "men", "women", "people",
        "person", "businessman", "businesswoman", "student", "worker", "employee",
        "owner", "farmer", "teacher", "nurse", "parent", "veteran", "officer", "agent",
        "soldier", "victim", "neighbour", "neighbor", "participant", "attendee",
        "someone", "somebody", "everyone", "nobody", "observer", "insider", "donor",
        "fan", "customer", "user", "citizen", "immigrant", "refugee",
        "staffer", "assistant", "representative", "colleague", "counterpart",
    ];
    if is(DOCUMENTS) {
        Some(SpeakerType::Document)
    } else if is(ORGANISATIONS) {
        Some(SpeakerType::Organisation)
    } else if is(PERSONS) || is_title(w) || is_title(w.strip_suffix('s').unwrap_or(w)) {
        Some(SpeakerType::Person)
    } else {
        None
    }
}

/// Whether a lone capitalised word is the name of a state ("Russia said"),
/// which speaks as an organisation does. Names of more than one word
/// ("United States", "South Korea") are told by their words; states whose
/// names are common given names (Chad, Georgia, Jordan) are left out.
pub(crate) fn is_country(word: &str) -> bool {
    #[rustfmt::skip]
    const COUNTRIES: &[&str] = &[
        "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia",
        "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh",
        "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia",
        "Botswana", "Brazil", "Britain", "Brunei", "Bulgaria", "Burundi", "Cambodia",
        "Cameroon", "Canada", "Chile", "China", "Colombia", "Comoros", "Congo",
        "Croatia", "Cuba", "Cyprus", "Czechia", "Denmark", "Djibouti", "Dominica",
        "Ecuador", "Egypt", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji",
        "Finland", "France", "Gabon", "Gambia", "Germany", "Ghana", "Greece",
        "Grenada", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras", "Hungary",
        "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
        "Jamaica", "Japan", "Kazakhstan", "Kenya", "Kiribati", "Kosovo",
        "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia",
        "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi",
        "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico",
        "Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco",
        "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands",
        "Nicaragua", "Niger", "Nigeria", "Norway", "Oman", "Pakistan", "Palau",
        "Palestine", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal",
        "Qatar", "Romania", "Russia", "Rwanda", "Samoa", "Senegal", "Serbia",
        "Seychelles", "Singapore", "Slovakia", "Slovenia", "Somalia", "Spain",
        "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan",
        "Tanzania", "Thailand", "Togo", "Tonga", "Tunisia", "Turkey", "Turkmenistan",
        "Tuvalu", "Türkiye", "Uganda", "Ukraine", "Uruguay", "Uzbekistan",
        "Vanuatu", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
    ];
    COUNTRIES.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_list_is_sorted_so_that_it_can_be_searched() {
        assert!(is_country("Russia") && is_country("Zimbabwe") && is_country("Afghanistan"));
        assert!(is_country("Türkiye") && !is_country("Jordan") && !is_country("Marlow"));
    }

    #[test]
    fn cue_recognises_inflections_of_speech_verbs() {
        for w in [
            "said",
            "says",
            "told",
            "added",
            "warned",
            "noted",
            "replied",
            "argues",
            "stressed",
            "Continued",
            "acknowledged",
            "cautioned",
            "contends",
            "remarked",
            "reported",
            "read",
        ] {
            assert_eq!(cue(w), Cue::Finite, "{w}");
        }
        for w in ["saying", "adding", "noting", "continuing", "arguing"] {
            assert_eq!(cue(w), Cue::Participle, "{w}");
        }
        for w in [
            "note",
            "comment",
            "statement",
            "Paris",
            "hacking",
            "report",
            "reports",
        ] {
            assert_eq!(cue(w), Cue::No, "{w}");
        }
    }

    #[test]
    fn descriptions_are_typed_by_their_nouns_singular_or_plural() {
        use crate::quotes::SpeakerType;
        assert_eq!(description_type("statement"), Some(SpeakerType::Document));
        assert_eq!(
            description_type("Agencies"),
            Some(SpeakerType::Organisation)
        );
        assert_eq!(description_type("officials"), Some(SpeakerType::Person));
        assert_eq!(description_type("senator"), Some(SpeakerType::Person));
        assert_eq!(description_type("ad’s"), Some(SpeakerType::Document));
        assert_eq!(description_type("harbour"), None);
    }
}
