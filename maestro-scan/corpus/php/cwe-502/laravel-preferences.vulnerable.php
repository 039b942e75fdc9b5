<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class PreferenceImportController extends Controller
{
    public function store(Request $request)
    {
        $blob = $request->input('preferences');
        $prefs = unserialize(base64_decode($blob));
        $request->user()->update(['theme' => $prefs['theme'] ?? 'light']);
        return back();
    }
}
