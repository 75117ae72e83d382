"""Persistence shared by the API and the workers: database models and the file store."""
