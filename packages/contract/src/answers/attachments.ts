// Answers of the attachments routes: filled in with their schemas.
export {};
