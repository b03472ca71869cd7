//! OCR without Vietnamese: restoring marks from an English-model OCR. Issue 4; not built yet.
