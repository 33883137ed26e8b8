"""Knowledge layer: ontology tables, actor knowledge base, gazetteer and dictionary importers."""
