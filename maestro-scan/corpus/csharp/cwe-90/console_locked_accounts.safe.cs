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
            if (!Regex.IsMatch(account, "^[A-Za-z0-9._-]{1,20}$"))
            {
                Console.Error.WriteLine("invalid account name");
                return 2;
            }
            var searcher = new DirectorySearcher(new DirectoryEntry("LDAP://DC=corp,DC=local"));
            searcher.Filter = "(&(sAMAccountName=" + account + ")(lockoutTime>=1))";
            bool locked = searcher.FindOne() != null;
            Console.WriteLine("{0} locked: {1}", account, locked);
            return locked ? 1 : 0;
        }
    }
}
