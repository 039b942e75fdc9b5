using System;
using System.DirectoryServices;
using System.Text.RegularExpressions;

namespace Ops.Tools
{
    public static class LockedAccounts
    {
        public static int Main(string[] args)
        {
            string account = args[0];
            var searcher = new DirectorySearcher(new DirectoryEntry("LDAP://DC=corp,DC=local"));
            searcher.Filter = "(&(sAMAccountName=" + account + ")(lockoutTime>=1))";
            bool locked = searcher.FindOne() != null;
            Console.WriteLine("{0} locked: {1}", account, locked);
            return locked ? 1 : 0;
        }
    }
}
