/* Bare-metal start-up for QEMU's riscv32 "virt" machine (-bios none): the
   image is loaded into RAM at 0x80000000 and entered at _start. */
  .option arch, +zicsr
  .section .text.start, "ax"
  .globl _start
_start:
  la sp, __stack_top
  la t0, xt_trap
  csrw mtvec, t0
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  call xt_rv_main
3:
  j 3b

  .align 4
xt_trap:
  csrr a0, mcause
  call xt_rv_trap
4:
  j 4b
