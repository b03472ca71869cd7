//! Legacy 8-bit Vietnamese font encodings (TCVN3/ABC, VNI, VISCII). Issue 4; not built yet.
