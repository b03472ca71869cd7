//! Agency units, data-driven from the corpus:
//! - every raw unit string of the sources (golden/units-NNN.tsv, written by reading) is named as listed;
//! - no unit text is lost: for every lead/support cell of every transcribed plan, the raw parts the
//!   splitter returns cover all of the cell's words (only separators — commas, semicolons, "và" between
//!   units, line breaks — may disappear).

use kehoach::model::PlanDocument;
use kehoach::normalise::units::UnitMatcher;
use kehoach::rules::{fold, Rules};

fn plans() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("golden")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter_map(|n| n.strip_prefix("units-").and_then(|s| s.strip_suffix(".tsv")).map(|s| s.to_string()))
        .collect();
    v.sort();
    v
}

fn issuer(id: &str) -> Option<String> {
    let g: PlanDocument = serde_json::from_str(&std::fs::read_to_string(format!("golden/{id}.json")).unwrap()).unwrap();
    g.plan.issuer
}

#[test]
fn every_raw_unit_string_of_the_sources_is_named_as_decided() {
    let rules = Rules::get();
    let mut checked = 0;
    let mut failures = Vec::new();
    for id in plans() {
        let iss = issuer(&id);
        let m = UnitMatcher::new(rules, iss.as_deref());
        let tsv = std::fs::read_to_string(format!("golden/units-{id}.tsv")).unwrap();
        for line in tsv.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let (raw, name, uid, coll, parent) = (f[0], f[1], f[2], f[3], f.get(4).copied().unwrap_or(""));
            let (units, _) = m.units(raw);
            checked += 1;
            let ok = units.len() == 1
                && units[0].name == name
                && units[0].id.as_deref().unwrap_or("") == uid
                && units[0].collective == (coll == "yes")
                && units[0].parent.as_deref().unwrap_or("") == parent;
            if !ok {
                failures.push(format!("{id}: {raw:?} → {:?}", units.iter().map(|u| (&u.name, &u.id, u.collective, &u.parent)).collect::<Vec<_>>()));
            }
        }
    }
    assert!(checked > 50, "only {checked} raw unit strings");
    assert!(failures.is_empty(), "{} of {checked} raw unit strings misnamed:\n{}", failures.len(), failures.join("\n"));
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty() && *w != "va")
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn no_unit_text_is_lost() {
    let rules = Rules::get();
    let mut cells = 0;
    let mut failures = Vec::new();
    for id in plans() {
        let Ok(src) = std::fs::read_to_string(format!("corpus/src/{id}.json")) else { continue };
        let v: serde_json::Value = serde_json::from_str(&src).unwrap();
        let iss = issuer(&id);
        let m = UnitMatcher::new(rules, iss.as_deref());
        for app in v["appendices"].as_array().unwrap() {
            let cols: Vec<usize> = app["columns"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    let h = fold(c["header"].as_str().unwrap_or(""));
                    h.contains("chu tri") || h.contains("phoi hop")
                })
                .map(|(i, _)| i)
                .collect();
            for row in app["rows"].as_array().unwrap() {
                let Some(cs) = row["cells"].as_array() else { continue };
                for &c in &cols {
                    let Some(cell) = cs.get(c).and_then(|x| x.as_str()) else { continue };
                    if cell.trim().is_empty() {
                        continue;
                    }
                    cells += 1;
                    let (units, _) = m.units(cell);
                    let mut have = words(&units.iter().map(|u| u.raw.as_str()).collect::<Vec<_>>().join(" "));
                    for w in words(cell) {
                        match have.iter().position(|h| *h == w) {
                            Some(i) => {
                                have.remove(i);
                            }
                            None => failures.push(format!("{id}: {cell:?}: {w:?} lost (parts {:?})", units.iter().map(|u| &u.raw).collect::<Vec<_>>())),
                        }
                    }
                }
            }
        }
    }
    assert!(cells > 200, "only {cells} unit cells");
    assert!(failures.is_empty(), "{} words lost:\n{}", failures.len(), failures.join("\n"));
}
