"""The FastAPI app: versioned routes per resource, roles, web pages."""
