#!/usr/bin/env python3
# Writes Berth's default seccomp profile (Docker's profile format) from the host's syscall tables
# (/usr/include/x86_64-linux-gnu/asm/unistd_{64,32}.h, package linux-libc-dev) and the syscalls
# Docker documents as blocked or capability-gated ("Seccomp security profiles for Docker").
# Usage: scripts/seccomp-default-profile.py oci/src/main/resources/io/berth/oci/seccomp/default-profile.json
import re, json, sys
names=set()
for f in ['unistd_64.h','unistd_32.h']:
    for l in open('/usr/include/x86_64-linux-gnu/asm/'+f):
        m=re.match(r'#define __NR_(\w+)\s+\d+',l)
        if m: names.add(m.group(1))
# Never allowed (Docker's documented list of blocked syscalls, plus obsolete/unimplemented ones).
never={'add_key','keyctl','request_key','create_module','get_kernel_syms','query_module','nfsservctl',
 'sysfs','_sysctl','uselib','userfaultfd','ustat','vm86','vm86old','afs_syscall','break','ftime','gtty',
 'stty','lock','mpx','prof','profil','putpmsg','getpmsg','security','tuxcall','vserver',
 'io_uring_setup','io_uring_enter','io_uring_register','set_mempolicy_home_node','idle','bdflush'}
groups=[
 (['CAP_SYS_ADMIN'],['bpf','clone','fanotify_init','fsconfig','fsmount','fsopen','fspick','lookup_dcookie',
   'mount','mount_setattr','move_mount','name_to_handle_at','open_tree','perf_event_open','quotactl',
   'quotactl_fd','setdomainname','sethostname','setns','syslog','umount','umount2','unshare','pivot_root',
   'swapon','swapoff']),
 (['CAP_SYS_ADMIN'],['clone3']),
 (['CAP_SYS_BOOT'],['reboot','kexec_load','kexec_file_load']),
 (['CAP_SYS_CHROOT'],['chroot']),
 (['CAP_SYS_MODULE'],['delete_module','init_module','finit_module']),
 (['CAP_SYS_PACCT'],['acct']),
 (['CAP_SYS_PTRACE'],['kcmp','pidfd_getfd','process_madvise','process_vm_readv','process_vm_writev','ptrace']),
 (['CAP_SYS_RAWIO'],['iopl','ioperm']),
 (['CAP_SYS_TIME'],['settimeofday','stime','clock_settime','clock_settime64','adjtimex','clock_adjtime','clock_adjtime64']),
 (['CAP_SYS_TTY_CONFIG'],['vhangup']),
 (['CAP_SYS_NICE'],['get_mempolicy','mbind','set_mempolicy','move_pages']),
 (['CAP_SYSLOG'],['syslog']),
 (['CAP_BPF'],['bpf']),
 (['CAP_PERFMON'],['perf_event_open']),
 (['CAP_DAC_READ_SEARCH'],['open_by_handle_at']),
]
special={'personality','clone','clone3','ptrace','socketcall'}
cond=set(n for _,g in groups for n in g)
allow=sorted((names-never-cond-special)|{'socketcall'})
S=[]
S.append({'comment':'Allowed for every container.','names':allow,'action':'SCMP_ACT_ALLOW'})
for v in [0,8,131072,131080,4294967295]:
    S.append({'names':['personality'],'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':v,'op':'SCMP_CMP_EQ'}],
      'comment':'personality(2) only for the ordinary execution domains and the query.'})
S.append({'comment':'ptrace is safe with seccomp on Linux 4.8 and later.','names':['ptrace'],'action':'SCMP_ACT_ALLOW','includes':{'minKernel':'4.8'}})
S.append({'comment':'clone(2) without namespace flags (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET) unless CAP_SYS_ADMIN.',
  'names':['clone'],'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':2114060288,'valueTwo':0,'op':'SCMP_CMP_MASKED_EQ'}],
  'excludes':{'caps':['CAP_SYS_ADMIN']}})
S.append({'comment':'clone3(2) cannot be filtered by flags: ENOSYS makes libc fall back to clone(2).',
  'names':['clone3'],'action':'SCMP_ACT_ERRNO','errnoRet':38,'excludes':{'caps':['CAP_SYS_ADMIN']}})
for caps,g in groups:
    S.append({'comment':'Allowed with '+caps[0]+'.','names':sorted(g),'action':'SCMP_ACT_ALLOW','includes':{'caps':caps}})
prof={'comment':"Berth's default seccomp profile, with the semantics of Docker's: everything not listed fails with EPERM.",
 'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':1,
 'archMap':[{'architecture':'SCMP_ARCH_X86_64','subArchitectures':['SCMP_ARCH_X86','SCMP_ARCH_X32']},
            {'architecture':'SCMP_ARCH_AARCH64','subArchitectures':['SCMP_ARCH_ARM']}],
 'syscalls':S}
out=json.dumps(prof,indent=1)
open(sys.argv[1],'w').write(out+"\n")
print(len(allow), "syscalls allowed for every container, of", len(names), "known")
