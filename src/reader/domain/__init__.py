"""Qt-free value types and pure logic shared by every layer."""
