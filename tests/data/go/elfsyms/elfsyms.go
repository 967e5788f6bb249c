// elfsyms: an independent reading of an ELF binary's symbols, with Go's
// debug/elf, for the tests of dv-sizes-elf.c. Prints one line a symbol,
// "sym SECTION NOBITS SIZE NAME", and one a SHF_ALLOC section,
// "sec NAME NOBITS SIZE"; NOBITS is 1 for a section without file bytes.
package main

import (
	"bufio"
	"debug/elf"
	"fmt"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	nobits := func(s *elf.Section) int {
		if s.Type == elf.SHT_NOBITS {
			return 1
		}
		return 0
	}
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_ALLOC != 0 {
			fmt.Fprintf(w, "sec %s %d %d\n", s.Name, nobits(s), s.Size)
		}
	}
	syms, err := f.Symbols()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, s := range syms {
		i := int(s.Section)
		if s.Section == elf.SHN_UNDEF || i >= len(f.Sections) {
			continue
		}
		sec := f.Sections[i]
		fmt.Fprintf(w, "sym %s %d %d %s\n", sec.Name, nobits(sec), s.Size, s.Name)
	}
}
