"""The full-screen app (Textual). It calls the core; the core never imports from here."""
