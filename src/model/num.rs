//! Shared number helpers of the model: a ratio or value only when finite, and whole
//! numbers rounded up without the error of typed rates.

/// `numerator / denominator`, or `None` when undefined or not finite.
#[inline]
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    if denominator > 0.0 {
        finite(numerator / denominator)
    } else {
        None
    }
}

/// `Some(x)` when `x` is finite.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x + 0.0)
}

/// Relative tolerance under which a quotient counts as the whole number it is next to.
/// Rates are typed with about 12 significant digits (33.3333333333 for one in three), so a
/// quotient carries a relative error of about 1e-12 per stage from the typing alone, far
/// above floating-point noise (1e-16); 1e-10 absorbs it across all 12 stages while a true
/// fraction such as 166.67 is still rounded up. Rounding down never loses more than this
/// fraction per stage, so the top of a k-stage funnel is short by at most k · 1e-10.
pub const WHOLE_TOLERANCE: f64 = 1e-10;

/// Rounds up to a whole number, ignoring the error of typed rates and floating-point noise:
/// a quotient within [`WHOLE_TOLERANCE`] · max(1, |x|) of a whole number gives that number
/// (150.00000000015 → 150, 178800.00000000003 → 178800), otherwise it is rounded up
/// (166.67 → 167); any positive amount, however small, needs at least 1.
pub fn ceil_whole(x: f64) -> f64 {
    let nearest = x.round();
    if nearest != 0.0 && (x - nearest).abs() <= WHOLE_TOLERANCE * x.abs().max(1.0) {
        nearest
    } else {
        x.ceil()
    }
}
