//! The corpus is compiled in: a changed corpus file rebuilds the classifier.
fn main() {
    println!("cargo:rerun-if-changed=corpus");
}
