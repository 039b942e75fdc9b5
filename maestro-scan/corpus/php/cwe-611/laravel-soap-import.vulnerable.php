<?php

namespace App\Http\Controllers;

use DOMDocument;
use Illuminate\Http\Request;

class SoapInvoiceController extends Controller
{
    public function store(Request $request)
    {
        $doc = new DOMDocument();
        $doc->loadXML($request->getContent(), LIBXML_NOENT | LIBXML_NOCDATA);
        $number = $doc->getElementsByTagName('InvoiceNumber')->item(0)?->textContent;
        return response()->json(['number' => $number]);
    }
}
