// Answers of the notifications routes: filled in with their schemas.
export {};
