// Answers of the enterprises routes: filled in with their schemas.
export {};
