// A link that fails after the linker printed its dump: the linker's own
// message has to reach the user (amd64 only, for its assembly).
package main

func f()

func main() { f() }
