/* RV32 startup for QEMU `virt` (-bios none): machine mode, one hart, the
   image is loaded into RAM by QEMU (no .data copy), trap -> report and reset. */
  .section .text.start, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, _estack
  la t0, trap_entry
  csrw mtvec, t0
  la t0, _sbss
  la t1, _ebss
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  call main
3:
  j 3b

  .align 4
trap_entry:
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call virt_trap
  j 3b
