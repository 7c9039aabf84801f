//! Words that must never be missed: a present threat to life or health (fire and smoke, gas,
//! a fallen live wire, violence and weapons, a child or a person missing, someone unconscious,
//! drowning, a collapse, a break-in under way…). Each rule is a short phrase of word
//! beginnings, in order, each at most [`GAP`] words after the one before, in the normalised
//! text; the model catches the rest. Written once in Latin: Cyrillic Uzbek is normalised to
//! it, Russian is transliterated and has rules of its own.
//!
//! A rule's part is a word beginning, with at most one mark at its end:
//!
//! * `stem$` — the whole word is `stem`;
//! * `stem~` — an Uzbek verb in a form that says *now*: `-yap(ti)`, `-ayap`, `-moqda`,
//!   `-(a)yot(gan)` and the spoken `-vot(ti)`, `-vop(ti)`, also after the plural `-(i)sh-`
//!   ("yonyapti", "tarqalmoqda", "urishyapti");
//! * `stem+` — the same or *just now*: also `-di`, `-(i)b`, `-ipti` and `-a` before "boshladi"
//!   ("chiqdi", "qulab", "chiqa boshladi") — but not `-adi`, `-sa`, `-ishi`, `-gan` or a
//!   negative `-ma-`: "yong'in chiqsa", "chiqishi mumkin", "chiqmayapti" are no alarm.
//!
//! `a|b|c` is any of them. Comparing, `h` and `x` are one letter, for keyboards without ҳ
//! ("хозир", "газ хиди"). A rule's `unless` words, standing within [`NEAR`] words of a match,
//! make it no match: "yong'in xavfsizligi", "анализ крови", "o'tgan yil … cho'kib ketgan
//! edi". Nor is a match a threat when a matched word comes right after Russian «не» ("не
//! горит"), or is a converb (`-ib`) whose tense, given by the verb after it, is
//! hypothetical or habitual: "yonib ketsa", "yiqilib tushishi mumkin", "portlab ketadi".

use crate::normalize::normalize;

mod rules;
#[cfg(test)]
mod tests;

use rules::RULES;

/// One rule: the parts of a phrase, in order, and words that near it mean something else.
struct Rule {
    words: &'static [&'static str],
    unless: &'static [&'static str],
}

/// How many words a rule's next part may come after the previous one ("gaz hidi", "gaz
/// qattiq hidi").
const GAP: usize = 2;

/// How near a match an `unless` word must stand ("ko'cha chiroqlari kunduzi ham yonib
/// turibdi").
const NEAR: usize = 3;

/// Verb endings that say "now" (see the module's description).
const NOW: &[&str] = &["yap", "ayap", "moqda", "yot", "ayot", "vot", "vop"];

/// Verb endings that say "just now", besides [`NOW`] and a bare `-a`.
const JUST_NOW: &[&str] = &["di", "ib", "b", "ipt"];

/// The plural (reciprocal) suffix that may stand before a verb's ending.
const PLURAL: &[&str] = &["ish", "ush", "sh"];

/// `h`/`x` as one letter. (Not `q`/`k`: "kuladi" laughs, "quladi" collapsed.)
fn fold(byte: u8) -> u8 {
    match byte {
        b'h' => b'x',
        other => other,
    }
}

/// Endings of an Uzbek verb that make a converb before it hypothetical or habitual: the
/// conditional `-sa`, the aorist `-adi`, negatives, `-masin`, `-guncha`.
const NOT_NOW_ENDINGS: &[&str] = &[
    "sa", "sak", "sam", "sang", "sangiz", "salar", "adi", "madi", "maydi", "mas", "masin",
    "masdan", "guncha",
];

/// Verbal nouns that make a converb before them hypothetical: "tushishi mumkin", "ketishiga
/// oz qoldi", "ketishdan qo'rqamiz".
const NOT_NOW_INSIDE: &[&str] = &["ishi", "ishga", "ishdan"];

/// Whether a verb makes the converb before it hypothetical or habitual.
fn not_now(verb: &str) -> bool {
    NOT_NOW_ENDINGS.iter().any(|e| verb.ends_with(e))
        || NOT_NOW_INSIDE.iter().any(|i| verb.contains(i))
}

/// Whether the word at `at` is negated: Russian «не» right before it.
fn negated(words: &[&str], at: usize) -> bool {
    at > 0 && words[at - 1] == "ne"
}

/// Whether the word at `at` is a converb (`-ib`, `-b`) that the verb after it makes
/// hypothetical or habitual.
fn converb_not_now(words: &[&str], at: usize) -> bool {
    words[at].ends_with('b') && words.get(at + 1).is_some_and(|verb| not_now(verb))
}

/// What follows `stem` in `word`, if `word` begins with it (letters folded).
fn after<'a>(word: &'a str, stem: &str) -> Option<&'a str> {
    let head = word.as_bytes().get(..stem.len())?;
    let same = head
        .iter()
        .zip(stem.as_bytes())
        .all(|(a, b)| fold(*a) == fold(*b));
    if same {
        word.get(stem.len()..)
    } else {
        None
    }
}

/// Whether `rest`, what follows a verb's stem, is an ending of now (or of just now).
fn verb_ending(rest: &str, just_now: bool) -> bool {
    let bare = std::iter::once(rest);
    let plural = PLURAL.iter().filter_map(|p| after(rest, p));
    bare.chain(plural).any(|rest| {
        NOW.iter().any(|e| after(rest, e).is_some())
            || (just_now && (rest == "a" || JUST_NOW.iter().any(|e| after(rest, e).is_some())))
    })
}

/// Whether `word` is what one of a part's alternatives asks for.
fn fits(part: &str, word: &str) -> bool {
    part.split('|').any(|alternative| {
        if let Some(stem) = alternative.strip_suffix('$') {
            after(word, stem).is_some_and(str::is_empty)
        } else if let Some(stem) = alternative.strip_suffix('~') {
            after(word, stem).is_some_and(|rest| verb_ending(rest, false))
        } else if let Some(stem) = alternative.strip_suffix('+') {
            after(word, stem).is_some_and(|rest| verb_ending(rest, true))
        } else {
            after(word, alternative).is_some()
        }
    })
}

/// The positions of the rule's parts in `words` when it begins at `start`: each part the
/// first fitting word at most [`GAP`] after the previous one.
fn chain(rule: &Rule, words: &[&str], start: usize) -> Option<Vec<usize>> {
    let (first, rest) = rule.words.split_first()?;
    if !fits(first, words.get(start)?) {
        return None;
    }
    let mut found = vec![start];
    let mut at = start;
    for part in rest {
        let next = (at + 1..words.len().min(at + 1 + GAP)).find(|i| fits(part, words[*i]))?;
        found.push(next);
        at = next;
    }
    Some(found)
}

/// Whether a match is no present threat: a word near the matched ones (not one of them) is
/// one of the rule's `unless`, a matched word is negated by «не» (not itself matched), or a
/// matched converb is made hypothetical by the verb after it.
fn vetoed(rule: &Rule, words: &[&str], found: &[usize]) -> bool {
    let (Some(first), Some(last)) = (found.first(), found.last()) else {
        return false;
    };
    let near = first.saturating_sub(NEAR)..words.len().min(last + 1 + NEAR);
    let unless = near
        .filter(|i| !found.contains(i))
        .any(|i| rule.unless.iter().any(|not| fits(not, words[i])));
    unless
        || found.iter().any(|at| {
            (negated(words, *at) && !found.contains(&(at - 1))) || converb_not_now(words, *at)
        })
}

/// Whether the rule matches anywhere in `words`.
fn matches(rule: &Rule, words: &[&str]) -> bool {
    (0..words.len())
        .any(|start| chain(rule, words, start).is_some_and(|found| !vetoed(rule, words, &found)))
}

/// The normalised words of a text.
fn words_of(normalized: &str) -> Vec<&str> {
    normalized.split(' ').filter(|w| !w.is_empty()).collect()
}

/// The rule the text matches, if any (for explanations).
pub fn rule_matches(text: &str) -> Option<&'static [&'static str]> {
    let normalized = normalize(text);
    let words = words_of(&normalized);
    RULES
        .iter()
        .find(|rule| matches(rule, &words))
        .map(|rule| rule.words)
}
