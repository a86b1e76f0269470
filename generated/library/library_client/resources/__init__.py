"""One module per tag of the API; each is imported when its client attribute is first used."""
