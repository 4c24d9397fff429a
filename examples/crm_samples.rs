//! Writes the sample CRM exports shipped with the app (`assets/samples/`), from a fixed seed
//! so they never change unless this file does:
//!
//! - `crm-sample-en.csv`: a HubSpot-style export in English: comma-separated UTF-8, ISO
//!   dates, lifecycle stages as HubSpot writes them (`marketingqualifiedlead`, …).
//! - `crm-sample-fr.csv`: a French Excel export: semicolons, Windows-1252, `jj/mm/aaaa hh:mm`
//!   dates, amounts with a decimal comma, French stage names.
//!
//! Run: `cargo run --example crm_samples` (then `trunk build` copies them into `dist/`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::io::Result<()> {
    generator::main()
}

/// The generator's crates are native-only dev-dependencies: nothing to run on wasm32.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod generator {
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A date and time: year, month, day, hour, minute.
    type DateTime = (i32, u32, u32, u32, u32);

    /// One generated lead.
    struct Lead {
        created: (i32, u32, u32, u32, u32),
        stage: usize,
        accepted: bool,
        source: usize,
        owner: usize,
        first_contact_minutes: Option<u32>,
        amount: Option<u32>,
        won: bool,
    }

    const SOURCES_EN: [&str; 5] = ["Organic search", "Paid ads", "E-mail", "Events", "Outbound"];
    const SOURCES_FR: [&str; 5] = [
        "Référencement naturel",
        "Publicité payante",
        "E-mailing",
        "Salons",
        "Prospection commerciale",
    ];
    const OWNERS: [&str; 4] = [
        "Alice Martin",
        "Bruno Lefèvre",
        "Chloé Durand",
        "David Moreau",
    ];
    const STAGES_EN: [&str; 6] = [
        "subscriber",
        "lead",
        "marketingqualifiedlead",
        "salesqualifiedlead",
        "opportunity",
        "customer",
    ];
    const STAGES_FR: [&str; 6] = ["Abonné", "Prospect", "MQL", "SQL", "Opportunité", "Client"];

    fn generate(seed: u64, count: usize) -> Vec<Lead> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..count)
            .map(|_| {
                let month = rng.gen_range(1..=6);
                let day = rng.gen_range(1..=28);
                // Each step forward with a channel-dependent chance.
                let source = rng.gen_range(0..SOURCES_EN.len());
                let boost: f64 = [0.05, 0.0, -0.05, 0.05, -0.1][source];
                let mut stage = 1;
                if rng.gen_bool(0.08) {
                    stage = 0;
                } else {
                    for p in [0.55 + boost, 0.5 + boost, 0.6, 0.35] {
                        if rng.gen_bool(p.clamp(0.05, 0.95)) {
                            stage += 1;
                        } else {
                            break;
                        }
                    }
                }
                let contacted = stage >= 2 && rng.gen_bool(0.85);
                Lead {
                    created: (2026, month, day, rng.gen_range(8..19), rng.gen_range(0..60)),
                    stage,
                    accepted: stage == 2 && rng.gen_bool(0.3),
                    source,
                    owner: rng.gen_range(0..OWNERS.len()),
                    first_contact_minutes: contacted.then(|| {
                        if rng.gen_bool(0.4) {
                            rng.gen_range(2..30)
                        } else {
                            rng.gen_range(30..4_000)
                        }
                    }),
                    amount: (stage >= 4).then(|| rng.gen_range(20..400) * 100),
                    won: stage == 4 && rng.gen_bool(0.1),
                }
            })
            .collect()
    }

    fn add_minutes(
        (y, m, d, h, min): (i32, u32, u32, u32, u32),
        minutes: u32,
    ) -> (i32, u32, u32, u32, u32) {
        let total = (d - 1) * 1_440 + h * 60 + min + minutes;
        // Months of the samples have at least 28 days; later days roll into the next months.
        let (mut y, mut m, mut d, rest) = (y, m, total / 1_440 + 1, total % 1_440);
        while d > 28 {
            d -= 28;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
        (y, m, d, rest / 60, rest % 60)
    }

    /// When a lead reached MQL, SQL, opportunity and won (as far as its stage went), drawn
    /// from their own stream so that the other columns stay as they were before these dates.
    fn stage_dates(seed: u64, leads: &[Lead]) -> Vec<[Option<DateTime>; 4]> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        leads
            .iter()
            .map(|lead| {
                let mut dates = [None; 4];
                let mut at = lead.created;
                // Days per step: lead → MQL, MQL → SQL, SQL → opportunity, opportunity → won.
                for (step, days) in [(1, 12), (1, 8), (2, 25), (10, 70)].into_iter().enumerate() {
                    let reached = if step == 3 {
                        lead.stage == 5 || lead.won
                    } else {
                        lead.stage >= step + 2
                    };
                    if !reached {
                        break;
                    }
                    let minutes = rng.gen_range(days.0 * 1_440..days.1 * 1_440);
                    at = add_minutes(at, minutes);
                    dates[step] = Some(at);
                }
                dates
            })
            .collect()
    }

    /// The four stage dates as cells, each written by `date`.
    fn date_cells(
        dates: &[Option<DateTime>; 4],
        separator: char,
        date: impl Fn(DateTime) -> String,
    ) -> String {
        dates
            .iter()
            .map(|d| d.map(&date).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(&separator.to_string())
    }

    pub fn main() -> std::io::Result<()> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        std::fs::create_dir_all(&dir)?;

        let mut en = String::from("Record ID,Create Date,Lifecycle Stage,Lead Status,Original Source,Contact owner,First Contact Date,Amount,Deal Stage,Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,Became an Opportunity Date,Close Date\n");
        let leads = generate(2026, 600);
        let dates = stage_dates(2027, &leads);
        let iso = |(y, m, d, h, min): (i32, u32, u32, u32, u32)| {
            format!("{y}-{m:02}-{d:02} {h:02}:{min:02}")
        };
        for (i, lead) in leads.iter().enumerate() {
            let (y, m, d, h, min) = lead.created;
            let first = lead.first_contact_minutes.map(|mins| {
                let (y, m, d, h, min) = add_minutes(lead.created, mins);
                format!("{y}-{m:02}-{d:02} {h:02}:{min:02}")
            });
            en.push_str(&format!(
                "{},{y}-{m:02}-{d:02} {h:02}:{min:02},{},{},{},{},{},{},{},{}\n",
                1000 + i,
                STAGES_EN[lead.stage],
                if lead.accepted {
                    "Accepted"
                } else if lead.stage >= 2 {
                    "In progress"
                } else {
                    "New"
                },
                SOURCES_EN[lead.source],
                OWNERS[lead.owner],
                first.unwrap_or_default(),
                lead.amount.map(|a| a.to_string()).unwrap_or_default(),
                if lead.stage == 5 || lead.won {
                    "Closed won"
                } else if lead.stage == 4 {
                    "Proposal"
                } else {
                    ""
                },
                date_cells(&dates[i], ',', iso),
            ));
        }
        std::fs::write(dir.join("crm-sample-en.csv"), en)?;

        let mut fr = String::from("ID;Date de création;Étape du cycle de vie;Statut du lead;Source d'origine;Propriétaire;Date du premier contact;Montant;Étape de la transaction;Date de passage en MQL;Date de passage en SQL;Date de passage en opportunité;Date de signature\r\n");
        let leads = generate(1789, 400);
        let dates = stage_dates(1790, &leads);
        let french = |(y, m, d, h, min): (i32, u32, u32, u32, u32)| {
            format!("{d:02}/{m:02}/{y} {h:02}:{min:02}")
        };
        for (i, lead) in leads.iter().enumerate() {
            let (y, m, d, h, min) = lead.created;
            let first = lead.first_contact_minutes.map(|mins| {
                let (y, m, d, h, min) = add_minutes(lead.created, mins);
                format!("{d:02}/{m:02}/{y} {h:02}:{min:02}")
            });
            fr.push_str(&format!(
                "{};{d:02}/{m:02}/{y} {h:02}:{min:02};{};{};{};{};{};{};{};{}\r\n",
                5000 + i,
                STAGES_FR[lead.stage],
                if lead.accepted {
                    "Accepté"
                } else {
                    "En cours"
                },
                SOURCES_FR[lead.source],
                OWNERS[lead.owner],
                first.unwrap_or_default(),
                lead.amount.map(|a| format!("{},50", a)).unwrap_or_default(),
                if lead.stage == 5 || lead.won {
                    "Gagnée"
                } else if lead.stage == 4 {
                    "Négociation"
                } else {
                    ""
                },
                date_cells(&dates[i], ';', french),
            ));
        }
        // Windows-1252, as French Excel saves CSV: every character here is in Latin-1.
        let bytes: Vec<u8> = fr
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect();
        std::fs::write(dir.join("crm-sample-fr.csv"), bytes)?;
        println!("wrote {}", dir.display());
        Ok(())
    }
}
