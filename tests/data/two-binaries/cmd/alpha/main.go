// Command alpha prints how many arguments it got, in decimal.
package main

import (
	"os"
	"strconv"
)

func main() { println(strconv.Itoa(len(os.Args))) }
