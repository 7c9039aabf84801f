//! What the model sees of a text: its words and the character n-grams of its words (3 to 5
//! letters, with the word's edges marked), hashed into a fixed number of buckets, counted on a
//! log scale and scaled to unit length. N-grams let "o'g'irladi", "o'g'irlashdi" and
//! "o'g'irlik" share most of their features, which whole words would not.

use crate::normalize::normalize;

/// Feature buckets: a power of two (2^18).
pub const DIMENSIONS: usize = 1 << 18;

/// Shortest and longest character n-gram.
const NGRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// A sparse vector: (bucket, value), buckets ascending and distinct.
pub type Features = Vec<(u32, f32)>;

/// FNV-1a: a small, fixed hash, so that a model is the same on every machine and run.
fn bucket(kind: u8, text: &[u8]) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in std::iter::once(&kind).chain(text) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash % DIMENSIONS as u64) as u32
}

/// The features of a raw text (it is normalised first).
pub fn features(text: &str) -> Features {
    let normalized = normalize(text);
    let mut buckets: Vec<u32> = Vec::new();
    for word in normalized.split(' ').filter(|w| !w.is_empty()) {
        buckets.push(bucket(b'w', word.as_bytes()));
        let marked: Vec<char> = std::iter::once('<')
            .chain(word.chars())
            .chain(std::iter::once('>'))
            .collect();
        for n in NGRAMS {
            for gram in marked.windows(n) {
                let gram: String = gram.iter().collect();
                buckets.push(bucket(b'c', gram.as_bytes()));
            }
        }
    }
    buckets.sort_unstable();
    let mut counted: Features = Vec::new();
    for b in buckets {
        match counted.last_mut() {
            Some((last, count)) if *last == b => *count += 1.0,
            _ => counted.push((b, 1.0)),
        }
    }
    let mut norm = 0.0f32;
    for (_, value) in &mut counted {
        *value = (1.0 + *value).ln();
        norm += *value * *value;
    }
    let norm = norm.sqrt();
    if norm > 0.0 {
        for (_, value) in &mut counted {
            *value /= norm;
        }
    }
    counted
}

/// The cosine similarity of two feature vectors (both of unit length).
pub fn similarity(a: &Features, b: &Features) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_unit_length_sorted_and_the_same_every_time() {
        let f = features("Ko'chada chiroq yonmayapti");
        assert!(f.windows(2).all(|w| w[0].0 < w[1].0));
        let norm: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        assert_eq!(f, features("Ko'chada chiroq yonmayapti"));
        assert!(features("").is_empty());
    }

    #[test]
    fn the_same_words_in_either_script_are_the_same_features() {
        let latin = features("Qo'shnimiz har kecha shovqin qiladi");
        let cyrillic = features("Қўшнимиз ҳар кеча шовқин қилади");
        assert!(similarity(&latin, &cyrillic) > 0.99);
        let other = features("Suv quvuri yorilib ketdi");
        assert!(similarity(&latin, &other) < 0.3);
    }
}
