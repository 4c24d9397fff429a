//! The channel mix in a scenario link: readable `ch_*` keys, read while the scenario link is
//! walked and checked like a file ([`check_mix`]).
//!
//! Keys (every key written when the mix is, one value per channel in order, commas between):
//!
//! - `ch_entry=leads` (or `top`): where the channels' volume enters the funnel.
//! - `ch=<name>`, repeated: the channels, in order.
//! - `ch_spend=60000,30000,50000`: each one's spend per period.
//! - `ch_curve=cpl:120,count:300,sat:2000/100000,pow:2/0.5`: a cost per lead, a count per
//!   period, a saturating curve (ceiling / scale) or a power law (coefficient / exponent).
//! - `ch_conv=funnel,q:1.5,rates:40/50/60/25`: the funnel's rates, a quality factor on the
//!   first rate after the entry, or the channel's own rates (%).
//! - `ch_min=,10000,` and `ch_max=,,150000`: the spend bounds (empty: none).
//! - `ch_goal=revenue` (or `margin`; absent: customers): what the best split maximises.

use crate::model::funnel::channels::{
    check_mix, Channel, ChannelMix, Conversion, Entry, Objective, Response, MAX_CHANNELS,
};
use crate::model::funnel::link::{bad, encode_value, finite_number, number, UrlError};

crate::texts! {
    /// Why the channel keys of a link cannot be read.
    enum ChannelLinkText {
        Entry => "expected top or leads", "top ou leads attendu";
        Curve => "expected cpl:…, count:…, sat:…/… or pow:…/…",
            "cpl:…, count:…, sat:…/… ou pow:…/… attendu";
        Conversion => "expected funnel, q:… or rates:…/…", "funnel, q:… ou rates:…/… attendu";
        Count => "one value per channel is expected ({n} channels)",
            "une valeur par canal est attendue ({n} canaux)";
        TooMany => "at most {max} channels", "au plus {max} canaux";
        Goal => "expected customers, revenue or margin", "customers, revenue ou margin attendu";
    }
}

fn curve_text(response: &Response) -> String {
    match *response {
        Response::Linear { cost_per_lead } => format!("cpl:{}", number(cost_per_lead)),
        Response::Count { volume } => format!("count:{}", number(volume)),
        Response::Saturating { ceiling, scale } => {
            format!("sat:{}/{}", number(ceiling), number(scale))
        }
        Response::Power {
            coefficient,
            exponent,
        } => format!("pow:{}/{}", number(coefficient), number(exponent)),
    }
}

fn conversion_text(conversion: &Conversion) -> String {
    match conversion {
        Conversion::Funnel => "funnel".to_owned(),
        Conversion::Quality { factor } => format!("q:{}", number(*factor)),
        Conversion::Own { rates } => format!(
            "rates:{}",
            rates
                .iter()
                .map(|r| number(*r))
                .collect::<Vec<_>>()
                .join("/")
        ),
    }
}

/// The `ch_*` pairs of `mix`, already percent-encoded, in order.
pub fn encode_mix(mix: &ChannelMix) -> String {
    let entry = match mix.entry {
        Entry::Top => "top",
        Entry::Leads => "leads",
    };
    let joined =
        |f: &dyn Fn(&Channel) -> String| mix.channels.iter().map(f).collect::<Vec<_>>().join(",");
    let bound = |b: Option<f64>| b.map(number).unwrap_or_default();
    let mut pairs: Vec<(&str, String)> = vec![("ch_entry", entry.to_owned())];
    pairs.extend(mix.channels.iter().map(|c| ("ch", c.name.clone())));
    pairs.extend([
        ("ch_spend", joined(&|c| number(c.spend))),
        ("ch_curve", joined(&|c| curve_text(&c.response))),
        ("ch_conv", joined(&|c| conversion_text(&c.conversion))),
        ("ch_min", joined(&|c| bound(c.min_spend))),
        ("ch_max", joined(&|c| bound(c.max_spend))),
    ]);
    if mix.objective != Objective::default() {
        pairs.push(("ch_goal", mix.objective.key().to_owned()));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The keys that hold one value per channel.
const LIST_KEYS: [&str; 5] = ["ch_spend", "ch_curve", "ch_conv", "ch_min", "ch_max"];

/// The longest per-channel list a link may hold: 20 channels with 11 own rates of 24
/// characters each fit; a longer text is refused before anything is read.
const MAX_LIST_CHARS: usize = 10_000;

/// Collects the `ch_*` pairs of a link while it is read, then builds the mix.
#[derive(Default)]
pub struct ChannelPairs {
    seen: bool,
    entry: Option<Entry>,
    objective: Option<Objective>,
    names: Vec<String>,
    /// The per-channel lists as written, read once the channels are counted.
    lists: Vec<(&'static str, String)>,
}

/// The two numbers of `a/b`.
fn pair(key: &str, value: &str, text: &str) -> Result<(f64, f64), UrlError> {
    let (a, b) = text
        .split_once('/')
        .ok_or_else(|| bad(key, value, ChannelLinkText::Curve.text()))?;
    Ok((finite_number(key, a)?, finite_number(key, b)?))
}

fn read_curve(key: &str, value: &str, item: &str) -> Result<Response, UrlError> {
    let wrong = || bad(key, value, ChannelLinkText::Curve.text());
    let (kind, rest) = item.split_once(':').ok_or_else(wrong)?;
    Ok(match kind {
        "cpl" => Response::Linear {
            cost_per_lead: finite_number(key, rest)?,
        },
        "count" => Response::Count {
            volume: finite_number(key, rest)?,
        },
        "sat" => {
            let (ceiling, scale) = pair(key, value, rest)?;
            Response::Saturating { ceiling, scale }
        }
        "pow" => {
            let (coefficient, exponent) = pair(key, value, rest)?;
            Response::Power {
                coefficient,
                exponent,
            }
        }
        _ => return Err(wrong()),
    })
}

fn read_conversion(key: &str, value: &str, item: &str) -> Result<Conversion, UrlError> {
    if item == "funnel" {
        return Ok(Conversion::Funnel);
    }
    let wrong = || bad(key, value, ChannelLinkText::Conversion.text());
    let (kind, rest) = item.split_once(':').ok_or_else(wrong)?;
    Ok(match kind {
        "q" => Conversion::Quality {
            factor: finite_number(key, rest)?,
        },
        "rates" if rest.is_empty() => Conversion::Own { rates: Vec::new() },
        "rates" => Conversion::Own {
            rates: rest
                .split('/')
                .map(|r| finite_number(key, r))
                .collect::<Result<_, _>>()?,
        },
        _ => return Err(wrong()),
    })
}

/// One value per channel of `n` from a comma-separated list, each item read with the whole
/// list at hand for the message (`None` when the key is absent; an empty text is no value
/// for no channel, or an empty value for one).
fn read_list<T>(
    lists: &[(&'static str, String)],
    key: &str,
    n: usize,
    read: impl Fn(&str, &str) -> Result<T, UrlError>,
) -> Result<Option<Vec<T>>, UrlError> {
    let Some((_, value)) = lists.iter().rev().find(|(k, _)| *k == key) else {
        return Ok(None);
    };
    if n == 0 && value.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let items = value.split(',').count();
    if items != n {
        let text = ChannelLinkText::Count.fill(&[("n", &n.to_string())]);
        return Err(bad(key, value, text));
    }
    value
        .split(',')
        .map(|item| read(item, value))
        .collect::<Result<_, _>>()
        .map(Some)
}

fn optional(key: &str, item: &str) -> Result<Option<f64>, UrlError> {
    if item.trim().is_empty() {
        Ok(None)
    } else {
        finite_number(key, item).map(Some)
    }
}

impl ChannelPairs {
    /// Takes one pair when it is a channel key (`ch` or `ch_*`); `Ok(false)` for any other.
    pub fn take(&mut self, key: &str, value: &str) -> Result<bool, UrlError> {
        if key != "ch" && !key.starts_with("ch_") {
            return Ok(false);
        }
        self.seen = true;
        match key {
            "ch" => {
                if self.names.len() >= MAX_CHANNELS {
                    return Err(bad(
                        key,
                        value,
                        ChannelLinkText::TooMany.fill(&[("max", &MAX_CHANNELS.to_string())]),
                    ));
                }
                self.names.push(value.to_owned());
            }
            "ch_entry" => {
                self.entry = Some(match value {
                    "top" => Entry::Top,
                    "leads" => Entry::Leads,
                    _ => return Err(bad(key, value, ChannelLinkText::Entry.text())),
                })
            }
            "ch_goal" => {
                self.objective = Some(
                    Objective::from_key(value)
                        .ok_or_else(|| bad(key, value, ChannelLinkText::Goal.text()))?,
                )
            }
            "ch_spend" | "ch_curve" | "ch_conv" | "ch_min" | "ch_max" => {
                let key = LIST_KEYS
                    .iter()
                    .find(|k| **k == key)
                    .copied()
                    .unwrap_or("ch");
                // Longer than 20 values can hold: refused before anything is read.
                if value.len() > MAX_LIST_CHARS {
                    return Err(bad(
                        key,
                        value,
                        ChannelLinkText::TooMany.fill(&[("max", &MAX_CHANNELS.to_string())]),
                    ));
                }
                self.lists.push((key, value.to_owned()));
            }
            _ => {} // A future ch_* key: ignored like any unknown key.
        }
        Ok(true)
    }

    /// The mix read, `None` when the link had no channel key; checked like a file.
    pub fn finish(self) -> Result<Option<ChannelMix>, UrlError> {
        if !self.seen {
            return Ok(None);
        }
        let n = self.names.len();
        let lists = &self.lists;
        let spends = read_list(lists, "ch_spend", n, |s, _| finite_number("ch_spend", s))?
            .unwrap_or_else(|| vec![0.0; n]);
        let curves = read_list(lists, "ch_curve", n, |s, all| {
            read_curve("ch_curve", all, s)
        })?
        .ok_or_else(|| bad("ch_curve", "", ChannelLinkText::Curve.text()))?;
        let conversions = read_list(lists, "ch_conv", n, |s, all| {
            read_conversion("ch_conv", all, s)
        })?
        .unwrap_or_else(|| vec![Conversion::Funnel; n]);
        let mins = read_list(lists, "ch_min", n, |s, _| optional("ch_min", s))?
            .unwrap_or_else(|| vec![None; n]);
        let maxes = read_list(lists, "ch_max", n, |s, _| optional("ch_max", s))?
            .unwrap_or_else(|| vec![None; n]);
        let channels = self
            .names
            .into_iter()
            .zip(spends)
            .zip(curves)
            .zip(conversions)
            .zip(mins.into_iter().zip(maxes))
            .map(
                |((((name, spend), response), conversion), (min_spend, max_spend))| Channel {
                    name,
                    spend,
                    response,
                    conversion,
                    min_spend,
                    max_spend,
                },
            )
            .collect();
        let mix = ChannelMix {
            entry: self.entry.unwrap_or(Entry::Leads),
            channels,
            objective: self.objective.unwrap_or_default(),
        };
        check_mix(&mix).map_err(|problem| bad("ch", "", problem))?;
        Ok(Some(mix))
    }
}
