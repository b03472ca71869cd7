//! Prints the generated syllable inventory, one form per line (for reading and counting).
fn main() {
    for f in &kehoach::repair::syllable::inventory().forms {
        println!("{f}");
    }
}
