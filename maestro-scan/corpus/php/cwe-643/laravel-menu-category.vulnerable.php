<?php

namespace App\Http\Controllers;

use DOMDocument;
use DOMXPath;
use Illuminate\Http\Request;

class MenuController extends Controller
{
    public function dishes(Request $request)
    {
        $doc = new DOMDocument();
        $doc->load(resource_path('data/menu.xml'));
        $category = $request->input('category');
        $names = [];
        foreach ((new DOMXPath($doc))->query("//dish[category=\"{$category}\"]/name") as $n) {
            $names[] = $n->textContent;
        }
        return response()->json($names);
    }
}
