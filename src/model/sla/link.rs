//! The SLA part of a scenario link: readable `sla_*` keys for the set-up, and the daily
//! leads in a compact encoding, so a month of actuals for 6 channels × 4 personas keeps the
//! whole link under 2,000 characters.
//!
//! Keys (only written when the scenario has an SLA; documented in README.md):
//!
//! - `sla_ch=<name>`, repeated: the channels, in order.
//! - `sla_pe=<name>:<average sale>`, repeated: the personas (`name:` when no sale value).
//! - `sla_rates=entered|funnel`: where the close rates come from.
//! - `sla_cr=3,4,,2`, one per channel: its close rates in %, one per persona (empty = not
//!   entered). `sla_plan=…` the same for the planned leads per month.
//! - `sla_target`, `sla_follow_up` (hours), `sla_month=YYYY-MM`, `sla_day` (as-of day).
//! - `sla_act=<YYYY-MM>.<payload>`, one per month of leads. The payload lists the month's
//!   leads day by day, segment by segment (channel by channel, then persona by persona),
//!   as tokens: a token `t ≥ 1` is one segment-day with `t − 1` leads; a token `0` is
//!   followed by a token `k`, a run of `k` zero segment-days (weekends, quiet channels).
//!   Each token is an unsigned base64url VLQ: characters `A–Z a–z 0–9 - _` stand for 0–63,
//!   the low 5 bits carry the value (least significant group first), bit 32 says another
//!   character follows. Examples: `C` (token 2) = a segment-day with 1 lead; `AY` (tokens 0,
//!   24) = 24 zero segment-days; `hB` (token 33: `h` = 1 + the continuation bit, then `B` =
//!   1 × 32) = 32 leads.

use crate::model::funnel::link::{bad, encode_value, finite_number, UrlError};
use crate::model::sla::calculator::{MonthActuals, Persona, RateSource, Sla, YearMonth};

crate::texts! {
    /// What is wrong with an `sla_*` value of a link (shown after the key and value).
    enum SlaUrlText {
        BadCharacter => "a character outside A–Z a–z 0–9 - _", "un caractère hors de A–Z a–z 0–9 - _";
        NumberTooLarge => "a number too large", "un nombre trop grand";
        EndsInNumber => "it ends in the middle of a number", "il s'arrête au milieu d'un nombre";
        RunWithoutLength => "a run of zeros without its length", "une suite de zéros sans sa longueur";
        TooManySegmentDays => "more segment-days than the month has",
            "plus de jours-segments que n'en compte le mois";
        CountTooLarge => "a count too large", "un nombre de leads trop grand";
        TooFewSegmentDays => "fewer segment-days than the month has",
            "moins de jours-segments que n'en compte le mois";
        ExpectedPersona => "expected name:average sale", "attendu : nom:montant moyen d'une vente";
        ExpectedSource => "expected entered or funnel", "attendu : entered ou funnel";
        ExpectedMonth => "expected YYYY-MM", "attendu : AAAA-MM";
        ExpectedDay => "expected a day of the month", "attendu : un jour du mois";
        ExpectedActuals => "expected YYYY-MM.leads", "attendu : AAAA-MM.leads";
        TooManyMonths => "more than {max} months of leads", "plus de {max} mois de leads";
        Missing => "missing from the link", "absent du lien";
    }
}

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `value` as an unsigned VLQ: 5 bits per character, low bits first, 32 = more.
fn vlq_push(out: &mut String, mut value: u64) {
    loop {
        let chunk = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(DIGITS[chunk] as char);
            return;
        }
        out.push(DIGITS[chunk | 32] as char);
    }
}

/// Reads the VLQ tokens of `payload`.
fn vlq_tokens(payload: &str) -> Result<Vec<u64>, SlaUrlText> {
    let mut tokens = Vec::new();
    let (mut value, mut shift, mut open) = (0u64, 0u32, false);
    for byte in payload.bytes() {
        let digit = DIGITS
            .iter()
            .position(|&d| d == byte)
            .ok_or(SlaUrlText::BadCharacter)? as u64;
        if shift > 55 {
            return Err(SlaUrlText::NumberTooLarge);
        }
        value |= (digit & 31) << shift;
        if digit & 32 == 0 {
            tokens.push(value);
            (value, shift, open) = (0, 0, false);
        } else {
            shift += 5;
            open = true;
        }
    }
    if open {
        return Err(SlaUrlText::EndsInNumber);
    }
    Ok(tokens)
}

/// The payload of one month of leads.
fn encode_actuals(month: &MonthActuals) -> String {
    let mut out = String::new();
    let mut zeros = 0u64;
    let flush = |out: &mut String, zeros: &mut u64| {
        match *zeros {
            0 => {}
            1 => vlq_push(out, 1),
            n => {
                vlq_push(out, 0);
                vlq_push(out, n);
            }
        }
        *zeros = 0;
    };
    for &count in month.days.iter().flatten() {
        if count == 0 {
            zeros += 1;
        } else {
            flush(&mut out, &mut zeros);
            vlq_push(&mut out, u64::from(count) + 1);
        }
    }
    flush(&mut out, &mut zeros);
    out
}

/// Reads one month's payload for `cells` segments.
fn decode_actuals(
    month: YearMonth,
    cells: usize,
    payload: &str,
) -> Result<MonthActuals, SlaUrlText> {
    let tokens = vlq_tokens(payload)?;
    let expected = month.days() as usize * cells;
    let mut flat: Vec<u32> = Vec::with_capacity(expected);
    let mut tokens = tokens.into_iter();
    while let Some(token) = tokens.next() {
        if token == 0 {
            let run = tokens.next().ok_or(SlaUrlText::RunWithoutLength)?;
            // Checked: a usize is 32 bits on wasm32, and a token may hold 60.
            let end = usize::try_from(run)
                .ok()
                .and_then(|run| flat.len().checked_add(run))
                .filter(|&end| end <= expected)
                .ok_or(SlaUrlText::TooManySegmentDays)?;
            flat.resize(end, 0);
        } else {
            let count = u32::try_from(token - 1).map_err(|_| SlaUrlText::CountTooLarge)?;
            if count > crate::model::sla::calculator::MAX_DAILY_LEADS {
                return Err(SlaUrlText::CountTooLarge);
            }
            flat.push(count);
        }
        if flat.len() > expected {
            return Err(SlaUrlText::TooManySegmentDays);
        }
    }
    if flat.len() != expected {
        return Err(SlaUrlText::TooFewSegmentDays);
    }
    let days = if cells == 0 {
        vec![Vec::new(); month.days() as usize]
    } else {
        flat.chunks(cells).map(<[u32]>::to_vec).collect()
    };
    Ok(MonthActuals { month, days })
}

fn number(x: f64) -> String {
    format!("{}", x + 0.0)
}

fn row(values: &[Option<f64>]) -> String {
    values
        .iter()
        .map(|v| v.map(number).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(",")
}

/// The `sla_*` pairs of `sla`, already percent-encoded, in order.
pub fn encode_sla(sla: &Sla) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    pairs.extend(sla.channels.iter().map(|c| ("sla_ch", c.clone())));
    pairs.extend(sla.personas.iter().map(|p| {
        let sale = p.average_sale.map(number).unwrap_or_default();
        ("sla_pe", format!("{}:{sale}", p.name))
    }));
    let source = match sla.rate_source {
        RateSource::Entered => "entered",
        RateSource::Funnel => "funnel",
    };
    pairs.push(("sla_rates", source.to_owned()));
    pairs.extend(sla.close_rates.iter().map(|r| ("sla_cr", row(r))));
    pairs.extend(sla.plan.iter().map(|r| ("sla_plan", row(r))));
    pairs.extend([
        ("sla_target", number(sla.monthly_target)),
        ("sla_follow_up", number(sla.follow_up_hours)),
        ("sla_month", sla.month.to_string()),
        ("sla_day", sla.as_of_day.to_string()),
    ]);
    pairs.extend(
        sla.actuals
            .iter()
            .map(|m| ("sla_act", format!("{}.{}", m.month, encode_actuals(m)))),
    );
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Collects the `sla_*` pairs of a link while it is read, then builds the set-up.
#[derive(Default)]
pub struct SlaPairs {
    seen: bool,
    channels: Vec<String>,
    personas: Vec<Persona>,
    rate_source: Option<RateSource>,
    rates: Vec<Vec<Option<f64>>>,
    plan: Vec<Vec<Option<f64>>>,
    target: Option<f64>,
    follow_up: Option<f64>,
    month: Option<YearMonth>,
    day: Option<u32>,
    /// (month, payload) until the segments are known.
    actuals: Vec<(YearMonth, String)>,
}

fn parse_row(key: &str, value: &str) -> Result<Vec<Option<f64>>, UrlError> {
    value
        .split(',')
        .map(|cell| {
            if cell.trim().is_empty() {
                Ok(None)
            } else {
                finite_number(key, cell).map(Some)
            }
        })
        .collect()
}

impl SlaPairs {
    /// Whether `key` is the SLA's (`sla_*`).
    pub fn claims(key: &str) -> bool {
        key.starts_with("sla_")
    }

    /// Takes one pair when it is an `sla_*` key; `Ok(false)` for any other key.
    pub fn take(&mut self, key: &str, value: &str) -> Result<bool, UrlError> {
        if !SlaPairs::claims(key) {
            return Ok(false);
        }
        self.seen = true;
        match key {
            "sla_ch" => self.channels.push(value.to_owned()),
            "sla_pe" => {
                let (name, sale) = value
                    .rsplit_once(':')
                    .ok_or_else(|| bad(key, value, SlaUrlText::ExpectedPersona.text()))?;
                let average_sale = if sale.trim().is_empty() {
                    None
                } else {
                    Some(finite_number(key, sale)?)
                };
                self.personas.push(Persona {
                    name: name.to_owned(),
                    average_sale,
                });
            }
            "sla_rates" => {
                self.rate_source = Some(match value {
                    "entered" => RateSource::Entered,
                    "funnel" => RateSource::Funnel,
                    _ => return Err(bad(key, value, SlaUrlText::ExpectedSource.text())),
                })
            }
            "sla_cr" => self.rates.push(parse_row(key, value)?),
            "sla_plan" => self.plan.push(parse_row(key, value)?),
            "sla_target" => self.target = Some(finite_number(key, value)?),
            "sla_follow_up" => self.follow_up = Some(finite_number(key, value)?),
            "sla_month" => {
                self.month = Some(
                    YearMonth::parse(value)
                        .ok_or_else(|| bad(key, value, SlaUrlText::ExpectedMonth.text()))?,
                )
            }
            "sla_day" => {
                self.day = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| bad(key, value, SlaUrlText::ExpectedDay.text()))?,
                )
            }
            "sla_act" => {
                let (month, payload) = value
                    .split_once('.')
                    .ok_or_else(|| bad(key, value, SlaUrlText::ExpectedActuals.text()))?;
                let month = YearMonth::parse(month)
                    .ok_or_else(|| bad(key, value, SlaUrlText::ExpectedActuals.text()))?;
                if self.actuals.len() >= crate::model::sla::calculator::MAX_MONTHS {
                    return Err(bad(
                        key,
                        value,
                        SlaUrlText::TooManyMonths.fill(&[(
                            "max",
                            &crate::model::sla::calculator::MAX_MONTHS.to_string(),
                        )]),
                    ));
                }
                self.actuals.push((month, payload.to_owned()));
            }
            _ => {} // A future sla_* key: ignored like any unknown key.
        }
        Ok(true)
    }

    /// The set-up read, `None` when the link had no `sla_*` key; checked like a file.
    pub fn finish(self) -> Result<Option<Sla>, UrlError> {
        if !self.seen {
            return Ok(None);
        }
        let missing = |what: &str| bad("sla", what, SlaUrlText::Missing.text());
        let month = self.month.ok_or_else(|| missing("sla_month"))?;
        // Before anything is sized by the matrix: a link may name thousands of channels.
        crate::model::sla::calculator::check_matrix_size(self.channels.len(), self.personas.len())
            .map_err(|e| bad("sla", "", e))?;
        let cells = self.channels.len() * self.personas.len();
        let actuals = self
            .actuals
            .iter()
            .map(|(m, payload)| {
                decode_actuals(*m, cells, payload)
                    .map_err(|problem| bad("sla_act", payload, problem.text()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sla = Sla {
            channels: self.channels,
            personas: self.personas,
            rate_source: self.rate_source.unwrap_or_default(),
            close_rates: self.rates,
            plan: self.plan,
            monthly_target: self.target.ok_or_else(|| missing("sla_target"))?,
            follow_up_hours: self.follow_up.unwrap_or(24.0),
            month,
            as_of_day: self.day.unwrap_or(1),
            actuals,
        };
        sla.check().map_err(|e| bad("sla", "", e))?;
        Ok(Some(sla))
    }
}
