#include "textflag.h"

// calls a symbol that nothing defines: the linker fails at relocation
TEXT ·f(SB),NOSPLIT,$0
	CALL nowhere·notdefined(SB)
	RET
