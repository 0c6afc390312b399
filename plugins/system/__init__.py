"""The built-in **system** plugin: daemon health on every desk, written as any plugin would be."""
