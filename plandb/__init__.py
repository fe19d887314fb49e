"""The plan database: build it from documents, import and undo, publish it to other servers."""
