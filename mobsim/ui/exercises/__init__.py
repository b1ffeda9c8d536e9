"""The two clinical-reasoning exercises: build the diagram, perform the grade."""
