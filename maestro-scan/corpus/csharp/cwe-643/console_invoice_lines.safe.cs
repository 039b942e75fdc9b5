using System;
using System.Xml.XPath;

namespace Ledger.Cli
{
    public static class InvoiceLines
    {
        public static void Main(string[] args)
        {
            long invoice = long.Parse(args[0]);
            XPathNavigator nav = new XPathDocument("ledger.xml").CreateNavigator();
            XPathNodeIterator lines = nav.Select("/ledger/invoice[number=" + invoice + "]/line");
            while (lines.MoveNext())
            {
                Console.WriteLine(lines.Current.Value);
            }
        }
    }
}
