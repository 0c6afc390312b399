"""citybrain-hello: the example plugin of docs/plugins.md."""

COLLECTION = "hello.greetings"
