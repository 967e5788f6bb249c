// Command beta prints how many runes its own name has.
package main

import (
	"os"
	"unicode/utf8"
)

func main() { println(utf8.RuneCountInString(os.Args[0])) }
