// The smallest fixture: fmt.Println, as the hello dump in tests/data.
package main

import "fmt"

func main() { fmt.Println("hello") }
