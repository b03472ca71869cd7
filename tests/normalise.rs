//! Every deadline and every target written in the sources, as the golden files read them (by hand),
//! parsed alone by the normalisation rules: the raw text in, the golden object out.

use kehoach::model::PlanDocument;
use kehoach::normalise::{deadline, goals, target};

fn goldens() -> Vec<(String, PlanDocument)> {
    let mut v: Vec<(String, PlanDocument)> = std::fs::read_dir("golden")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().map(|x| x == "json").unwrap_or(false))
        .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn every_deadline_of_the_sources() {
    let (mut n, mut bad) = (0, Vec::new());
    for (f, g) in goldens() {
        for t in &g.tasks {
            let Some(d) = &t.deadline else { continue };
            n += 1;
            let got = deadline::parse(&d.raw);
            if got.as_ref() != Some(d) {
                bad.push(format!("{f} {}: {:?}\n   expected {}\n   got      {}", t.reference, d.raw, serde_json::to_string(d).unwrap(), serde_json::to_string(&got).unwrap()));
            }
        }
        for t in g.targets.iter().filter(|t| t.table == 0) {
            let Some(d) = &t.deadline else { continue };
            n += 1;
            let got = goals::goal_deadline(t.content.as_deref().unwrap_or(""));
            if got.as_ref() != Some(d) {
                bad.push(format!("{f} {}: goal deadline of {:?}: got {}", t.reference, t.content, serde_json::to_string(&got).unwrap()));
            }
        }
    }
    assert!(n > 150, "only {n} deadlines");
    assert!(bad.is_empty(), "{} of {n} deadlines:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn every_target_of_the_sources() {
    let (mut n, mut bad) = (0, Vec::new());
    for (f, g) in goldens() {
        for t in &g.targets {
            n += 1;
            let got = if t.table == 0 {
                let (v, uom) = goals::goal_target(t.content.as_deref().unwrap_or(""));
                if uom != t.unit_of_measure {
                    bad.push(format!("{f} {}: unit of measure {:?}, expected {:?}", t.reference, uom, t.unit_of_measure));
                }
                v
            } else {
                t.target.as_ref().and_then(|v| target::parse(&v.raw))
            };
            if got != t.target {
                bad.push(format!("{f} {}: expected {}\n   got {}", t.reference, serde_json::to_string(&t.target).unwrap(), serde_json::to_string(&got).unwrap()));
            }
        }
    }
    assert!(n >= 150, "only {n} targets");
    assert!(bad.is_empty(), "{} of {n} targets:\n{}", bad.len(), bad.join("\n"));
}
