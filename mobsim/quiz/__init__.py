"""Quiz logic: questions, scheduling, scoring and history. No Qt here."""
