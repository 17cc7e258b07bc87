// Answers of the calendar routes: filled in with their schemas.
export {};
