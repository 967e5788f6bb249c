// A build that must fail: the compiler's message has to reach the user.
package main

import "fmt"

func main() {
	fmt.Println("unclosed"
}
