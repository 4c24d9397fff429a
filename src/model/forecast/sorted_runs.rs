//! Exact nearest-rank order statistics over several sorted runs of values, without merging
//! them: each Monte Carlo worker sorts its own part's kept values (an LSD radix sort on the
//! values' total order, [`sort`]), and the run's quantiles ([`nth`]) and histogram
//! ([`count_below`]) are read off the parts' runs by binary searches. The values' order is
//! `total_cmp`'s, so the `k`-th smallest of the runs has the very bits a selection over all
//! the values together gives, however they were split.

/// Bits of a radix sort's digit: 3 passes for an `f32`, 6 for an `f64`.
pub const DIGIT_BITS: usize = 11;
/// Values of a digit.
const DIGITS: usize = 1 << DIGIT_BITS;

/// A float with the key of its total order (as `total_cmp` orders them) as an unsigned integer.
pub trait SortKey: Copy {
    /// The key's integer type.
    type Key: Copy + Default;
    /// Bytes in a key.
    const BYTES: usize;
    /// Radix sort passes: digits of [`DIGIT_BITS`] bits in a key.
    const PASSES: usize;
    fn key(self) -> Self::Key;
    fn of_key(key: Self::Key) -> Self;
    /// Digit `pass` (0: the lowest [`DIGIT_BITS`] bits) of `key`.
    fn digit(key: Self::Key, pass: usize) -> usize;
    /// The key, widened to 64 bits (the same order).
    fn key64(self) -> u64;
    /// The value of a widened key.
    fn of_key64(key: u64) -> Self;
}

impl SortKey for f64 {
    type Key = u64;
    const BYTES: usize = 8;
    const PASSES: usize = 6;
    #[inline(always)]
    fn key(self) -> u64 {
        // As `f64::total_cmp`: flip every bit but the sign of a negative value; then the sign
        // bit itself, so that the keys compare as unsigned integers.
        let bits = self.to_bits() as i64;
        ((bits ^ ((((bits >> 63) as u64) >> 1) as i64)) as u64) ^ (1 << 63)
    }
    #[inline(always)]
    fn of_key(key: u64) -> f64 {
        let bits = (key ^ (1 << 63)) as i64;
        f64::from_bits((bits ^ ((((bits >> 63) as u64) >> 1) as i64)) as u64)
    }
    #[inline(always)]
    fn digit(key: u64, pass: usize) -> usize {
        ((key >> (DIGIT_BITS * pass)) as usize) & (DIGITS - 1)
    }
    #[inline(always)]
    fn key64(self) -> u64 {
        self.key()
    }
    #[inline(always)]
    fn of_key64(key: u64) -> f64 {
        f64::of_key(key)
    }
}

impl SortKey for f32 {
    type Key = u32;
    const BYTES: usize = 4;
    const PASSES: usize = 3;
    #[inline(always)]
    fn key(self) -> u32 {
        let bits = self.to_bits() as i32;
        ((bits ^ ((((bits >> 31) as u32) >> 1) as i32)) as u32) ^ (1 << 31)
    }
    #[inline(always)]
    fn of_key(key: u32) -> f32 {
        let bits = (key ^ (1 << 31)) as i32;
        f32::from_bits((bits ^ ((((bits >> 31) as u32) >> 1) as i32)) as u32)
    }
    #[inline(always)]
    fn digit(key: u32, pass: usize) -> usize {
        ((key >> (DIGIT_BITS * pass)) as usize) & (DIGITS - 1)
    }
    #[inline(always)]
    fn key64(self) -> u64 {
        u64::from(self.key())
    }
    #[inline(always)]
    fn of_key64(key: u64) -> f32 {
        f32::of_key(key as u32)
    }
}

/// Sorts `values` by their total order: an LSD radix sort, a digit of [`DIGIT_BITS`] bits per
/// pass, skipping the digits every key shares (the high bits of values of one magnitude).
pub fn sort<T: SortKey>(values: &mut [T]) {
    // Index loops over slices (not `Vec`s): the release build (opt-level "z") would call
    // iterator adapters and `Vec`'s `Index` per value.
    let n = values.len();
    if n < 2 {
        return;
    }
    let mut keys_vec = vec![T::Key::default(); n];
    let mut other_vec = vec![T::Key::default(); n];
    let mut counts_vec = vec![[0u32; DIGITS]; T::PASSES];
    let (mut keys, mut other) = (&mut keys_vec[..], &mut other_vec[..]);
    let counts = &mut counts_vec[..];
    let mut i = 0;
    while i < n {
        let key = values[i].key();
        keys[i] = key;
        let mut pass = 0;
        while pass < T::PASSES {
            counts[pass][T::digit(key, pass)] += 1;
            pass += 1;
        }
        i += 1;
    }
    let mut at = [0u32; DIGITS];
    let mut pass = 0;
    while pass < T::PASSES {
        let count = &counts[pass];
        pass += 1;
        // Every key has the first one's digit: nothing to move.
        if count[T::digit(keys[0], pass - 1)] as usize == n {
            continue;
        }
        let mut sum = 0;
        let mut d = 0;
        while d < DIGITS {
            at[d] = sum;
            sum += count[d];
            d += 1;
        }
        let mut i = 0;
        while i < n {
            let key = keys[i];
            let digit = T::digit(key, pass - 1);
            other[at[digit] as usize] = key;
            at[digit] += 1;
            i += 1;
        }
        std::mem::swap(&mut keys, &mut other);
    }
    let mut i = 0;
    while i < n {
        values[i] = T::of_key(keys[i]);
        i += 1;
    }
}

/// Whether `values` are in their total order (what [`sort`] leaves).
pub fn is_sorted<T: SortKey>(values: &[T]) -> bool {
    values.is_sorted_by_key(|v| v.key64())
}

/// How many values of the sorted `runs` rank at most at `key` (a widened key).
fn count_at_most<T: SortKey>(runs: &[&[T]], key: u64) -> usize {
    runs.iter()
        .map(|run| run.partition_point(|v| v.key64() <= key))
        .sum()
}

/// The `rank`-th smallest (from 0) of the values of the sorted `runs` together, `None` when
/// they hold no more than `rank` values: a binary search for the smallest key that at least
/// `rank + 1` values do not exceed.
pub fn nth<T: SortKey>(runs: &[&[T]], rank: usize) -> Option<T> {
    let total: usize = runs.iter().map(|run| run.len()).sum();
    if rank >= total {
        return None;
    }
    let (mut low, mut high) = (0u64, u64::MAX >> (64 - 8 * T::BYTES));
    while low < high {
        let mid = low + (high - low) / 2;
        if count_at_most(runs, mid) > rank {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    Some(T::of_key64(low))
}

/// The smallest and the largest value of the sorted `runs`, `None` when they are empty.
pub fn bounds<T: SortKey>(runs: &[&[T]]) -> Option<(T, T)> {
    let lower = runs.iter().filter_map(|run| run.first()).copied();
    let upper = runs.iter().filter_map(|run| run.last()).copied();
    Some((
        lower.min_by_key(|v| v.key64())?,
        upper.max_by_key(|v| v.key64())?,
    ))
}

/// How many values of the sorted `runs` `below` says are below (a predicate that, over each
/// run's order, is true then false).
pub fn count_below<T: SortKey>(runs: &[&[T]], below: impl Fn(T) -> bool) -> usize {
    runs.iter()
        .map(|run| run.partition_point(|&v| below(v)))
        .sum()
}
